package io.clustertour.operator.bench;

import static org.awaitility.Awaitility.await;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.StopState;
import io.clustertour.operator.testsupport.EventCoverage;
import io.clustertour.operator.testsupport.Tours;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * One benchmark run: a fresh operator, an idle window, N tours created at once and followed to
 * their end, then cleaned up while the operator still runs (its finalizer needs it).
 */
final class BenchRun {
  private static final Path JAR = Path.of("target/cluster-tour-operator.jar");
  private static final String WATCH = "WATCH";
  private final KubernetesClient admin;
  private final BenchIdentity identity;
  private final ClientFlowSchemas flows;
  private final IndependentWatcher watcher;
  private final Path out;
  private final int idleSeconds;
  private final Map<String, String> operatorEnv;

  /** The tours of the last run as they ended, for the figures pooled over the repeats. */
  List<ClusterTour> lastTours = List.of();

  BenchRun(
      KubernetesClient admin,
      BenchIdentity identity,
      ClientFlowSchemas flows,
      IndependentWatcher watcher,
      Path out,
      int idleSeconds,
      Map<String, String> operatorEnv) {
    this.admin = admin;
    this.identity = identity;
    this.flows = flows;
    this.watcher = watcher;
    this.out = out;
    this.idleSeconds = idleSeconds;
    this.operatorEnv = operatorEnv;
  }

  /**
   * One run of N tours.
   *
   * @param load "quiet" or "busy" (the background load runs around it), part of the names
   */
  Bench.Run run(int n, String token, int repeat, String load) throws Exception {
    String id = load + "-n" + n + "-r" + repeat;
    String prefix =
        "bench-" + token + "-" + (load.equals("quiet") ? "q" : "b") + n + "r" + repeat + "-";
    List<PromText.Sample> before = metrics();
    Bench.say(id + ": starting the operator");
    try (BenchOperator operator =
        BenchOperator.start(
            JAR, identity.kubeconfig, out.resolve("operator-" + id + ".log"), operatorEnv)) {
      List<PromText.Sample> ready = metrics();
      double cpuReady = operator.cpuSeconds();
      Bench.say(
          id + ": ready in " + operator.startToReadyMs + " ms; idle for " + idleSeconds + " s");
      BenchOperator.sleep(idleSeconds * 1000L);
      double cpuIdle = operator.cpuSeconds();
      double idleRss = operator.rssMiB();
      List<PromText.Sample> idle = metrics();
      double idleHeap = operator.heapAfterGcMiB();

      List<String> names =
          IntStream.rangeClosed(1, n).mapToObj(i -> prefix + String.format("%02d", i)).toList();
      Instant created = Instant.now();
      for (String name : names) {
        admin.resource(tour(name)).create();
      }
      Bench.say(id + ": " + n + " tours created");
      double peakRss = idleRss;
      Instant deadline = created.plus(Duration.ofMinutes(8));
      while (finished(names) < n && Instant.now().isBefore(deadline)) {
        peakRss = Math.max(peakRss, operator.rssMiB());
        BenchOperator.sleep(250);
      }
      Instant done = Instant.now();
      double cpuDone = operator.cpuSeconds();
      peakRss = Math.max(peakRss, operator.rssMiB());
      List<PromText.Sample> end = metrics();
      String operatorMetrics = operator.get("/metrics");
      double endHeap = operator.heapAfterGcMiB();
      // the independent watcher receives the last status writes a moment after the API server
      BenchOperator.sleep(2000);
      List<ClusterTour> tours =
          names.stream().map(name -> Tours.api(admin).withName(name).get()).toList();
      lastTours = tours;
      // the tours as they ended, to trace any figure of this run back to the statuses
      java.nio.file.Files.writeString(
          out.resolve("tours-" + id + ".json"),
          io.fabric8.kubernetes.client.utils.Serialization.asJson(tours));
      int completed = (int) tours.stream().filter(BenchRun::allStopsCompleted).count();
      double seconds = Duration.between(created, done).toMillis() / 1000.0;
      Bench.say(id + ": " + completed + "/" + n + " tours completed in " + seconds + " s");
      RunAnalysis.Result analysis =
          RunAnalysis.analyze(tours, watcher.events, watcher.pods, watcher.entryVisible);
      ReferenceLatency.Result references =
          ReferenceLatency.analyze(tours, watcher.pods, List.copyOf(watcher.podEvents));

      for (String name : names) {
        Tours.api(admin).withName(name).delete();
      }
      await("namespaces of " + id + " deleted")
          .atMost(Duration.ofMinutes(4))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  admin.namespaces().list().getItems().stream()
                      .noneMatch(ns -> ns.getMetadata().getName().startsWith(prefix)));

      Bench.Api api = api(n, before, ready, idle, end);
      Bench.say(id + ": cleaned up");
      double runSeconds = Duration.between(created, done).toNanos() / 1e9;
      Bench.Footprint footprint =
          new Bench.Footprint(
              operator.startToReadyMs,
              round(idleRss),
              round(100 * (cpuIdle - cpuReady) / idleSeconds),
              round(peakRss),
              round(100 * (cpuDone - cpuIdle) / runSeconds),
              round((cpuDone - cpuIdle) / n),
              round(idleHeap),
              round(endHeap));
      return new Bench.Run(
          n,
          repeat,
          load,
          seconds,
          completed,
          slowestStop(tours),
          analysis,
          api,
          footprint,
          operatorLag(PromText.parse(operatorMetrics)),
          references);
    }
  }

  private Bench.Api api(
      int n,
      List<PromText.Sample> before,
      List<PromText.Sample> ready,
      List<PromText.Sample> idle,
      List<PromText.Sample> end) {
    Map<String, Long> c0 = flows.counts(before);
    Map<String, Long> c1 = flows.counts(ready);
    Map<String, Long> c2 = flows.counts(idle);
    Map<String, Long> c3 = flows.counts(end);
    Map<String, Long> startup = Bench.delta(c1, c0);
    Map<String, Long> idleD = Bench.delta(c2, c1);
    Map<String, Long> run = Bench.delta(c3, c2);
    long runTotal = run.values().stream().mapToLong(Long::longValue).sum();
    long statusPatches =
        run.getOrDefault(
            ClientFlowSchemas.label("patch", "clustertour.io", "clustertours/status"), 0L);
    Map<String, Long> watchesBefore = openWatches(before);
    Map<String, Long> watchesEnd = openWatches(end);
    Map<String, Long> byResource = Bench.delta(watchesEnd, watchesBefore);
    return new Bench.Api(
        startup,
        idleD,
        run,
        runTotal,
        round(runTotal / (double) n),
        round(statusPatches / (double) n),
        verb(startup, "watch"),
        verb(run, "watch"),
        verb(idleD, "list"),
        verb(run, "list"),
        byResource.values().stream().mapToLong(Long::longValue).sum(),
        byResource);
  }

  private static long verb(Map<String, Long> counts, String verb) {
    return counts.entrySet().stream()
        .filter(e -> e.getKey().startsWith(verb + " "))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** Open watches per resource: the API server's apiserver_longrunning_requests gauge. */
  private static Map<String, Long> openWatches(List<PromText.Sample> metrics) {
    Map<String, Long> open = new TreeMap<>();
    metrics.stream()
        .filter(s -> s.name().equals("apiserver_longrunning_requests"))
        .filter(s -> WATCH.equals(s.label("verb")))
        .forEach(
            s ->
                open.merge(
                    (s.label("group").isEmpty() ? "" : s.label("group") + "/")
                        + s.label("resource"),
                    (long) s.value(),
                    Long::sum));
    return open;
  }

  private static Bench.OperatorLagMetric operatorLag(List<PromText.Sample> m) {
    String base = "clustertour_observation_lag_seconds";
    long count = (long) PromText.sum(m, base + "_count", s -> true);
    if (count == 0) {
      return new Bench.OperatorLagMetric(0, null, null);
    }
    double sum = PromText.sum(m, base + "_sum", s -> true);
    Double p95 =
        m.stream()
            .filter(s -> s.name().equals(base + "_bucket"))
            .filter(s -> s.value() >= 0.95 * count)
            .map(s -> s.label("le"))
            .filter(le -> !le.equals("+Inf"))
            .map(Double::parseDouble)
            .min(Double::compare)
            .map(v -> v * 1000)
            .orElse(null);
    return new Bench.OperatorLagMetric(count, round(1000 * sum / count), p95);
  }

  private int finished(List<String> names) {
    return (int)
        Tours.api(admin).withLabel(Bench.BENCH_LABEL).list().getItems().stream()
            .filter(t -> names.contains(t.getMetadata().getName()))
            .filter(t -> Tours.condition(t, "Completed").filter("True"::equals).isPresent())
            .count();
  }

  /** The stop that took longest, e.g. "bench-x-n25-09/namespace 121.6 s". */
  static String slowestStop(List<ClusterTour> tours) {
    String slowest = "";
    double longest = -1;
    for (ClusterTour t : tours) {
      if (t == null || t.getStatus() == null) {
        continue;
      }
      for (var s : t.getStatus().stops) {
        Instant from = EventCoverage.parse(s.startedAt);
        Instant to = EventCoverage.parse(s.finishedAt);
        if (from != null && to != null && Duration.between(from, to).toMillis() > longest) {
          longest = Duration.between(from, to).toMillis();
          slowest = t.getMetadata().getName() + "/" + s.name + " " + round(longest / 1000) + " s";
        }
      }
    }
    return slowest;
  }

  private static boolean allStopsCompleted(ClusterTour t) {
    return t != null
        && t.getStatus() != null
        && t.getStatus().stops.stream().allMatch(s -> s.state == StopState.Completed);
  }

  private List<PromText.Sample> metrics() {
    return PromText.parse(admin.raw("/metrics"));
  }

  /**
   * The benchmark's tour: every stop type that acts (Namespace, a 3-replica Deployment, a Service,
   * Scale up and down, DeletePod, Job), in one namespace of its own.
   */
  static String tour(String name) {
    return """
        apiVersion: clustertour.io/v1alpha1
        kind: ClusterTour
        metadata:
          name: %1$s
          labels: {%2$s: "true"}
        spec:
          stops:
          - {name: namespace, type: Namespace, namespace: {name: %1$s}}
          - name: web
            type: Deployment
            deployment: {name: web, namespace: %1$s, image: busybox:1.36,
                         imagePullPolicy: IfNotPresent, replicas: 3, command: [httpd, -f, -p, "8080"]}
          - {name: expose, type: Service, target: web, service: {port: 8080}}
          - {name: scale-up, type: Scale, target: web, scale: {replicas: 4}}
          - {name: scale-down, type: Scale, target: web, scale: {replicas: 2}}
          - {name: delete-pod, type: DeletePod, target: web, deletePod: {gracePeriodSeconds: 1}}
          - name: job
            type: Job
            job: {name: hello, namespace: %1$s, image: busybox:1.36, imagePullPolicy: IfNotPresent,
                  command: [sh, -c, "sleep 1"]}
        """
        .formatted(name, Bench.BENCH_LABEL);
  }

  static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
