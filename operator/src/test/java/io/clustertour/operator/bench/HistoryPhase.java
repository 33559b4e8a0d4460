package io.clustertour.operator.bench;

import static org.awaitility.Awaitility.await;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.testsupport.Tours;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Growth with history on the cluster: one operator, finished one-namespace tours kept (with their
 * namespaces) up to the target count, and at each checkpoint the operator's heap after GC, its RSS
 * and what one new Namespace+Deployment tour cost it; then a fresh operator started over the whole
 * history. Everything is deleted at the end, while an operator still runs (its finalizer).
 */
final class HistoryPhase {
  private static final Path JAR = Path.of("target/cluster-tour-operator.jar");
  private static final int BATCH = 25;

  private HistoryPhase() {}

  static HistoryGrowth.Result run(
      KubernetesClient admin,
      BenchIdentity identity,
      ClientFlowSchemas flows,
      Path out,
      Map<String, String> operatorEnv,
      String token,
      int target)
      throws Exception {
    String prefix = "bench-" + token + "-h-";
    List<HistoryGrowth.Point> points = new ArrayList<>();
    List<String> all = new ArrayList<>();
    Instant fillStart = Instant.now();
    double fillSeconds = 0;
    long restartReady;
    double restartHeap;
    double restartCpu;
    try (BenchOperator operator =
        BenchOperator.start(
            JAR, identity.kubeconfig, out.resolve("operator-history.log"), operatorEnv)) {
      BenchOperator.sleep(5000);
      // a first tour on a fresh JVM costs several times a later one (class loading, JIT): one
      // warm-up tour, deleted again, so the point at 0 finished tours is not the cold start
      String warm = prefix + "warm";
      admin.resource(probeTour(warm)).create();
      awaitCompleted(admin, List.of(warm), Duration.ofMinutes(3));
      Tours.api(admin).withName(warm).delete();
      await("warm-up tour deleted")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  Tours.api(admin).withName(warm).get() == null
                      && admin.namespaces().withName(warm).get() == null);
      int made = 0;
      for (int checkpoint : HistoryGrowth.checkpoints(target)) {
        Instant t0 = Instant.now();
        while (all.size() < checkpoint) {
          int k = Math.min(BATCH, checkpoint - all.size());
          int from = made;
          List<String> names =
              IntStream.range(from, from + k)
                  .mapToObj(i -> prefix + String.format("%04d", i))
                  .toList();
          made += k;
          for (String name : names) {
            admin.resource(historyTour(name)).create();
          }
          awaitCompleted(admin, names, Duration.ofMinutes(5));
          all.addAll(names);
        }
        fillSeconds += Duration.between(t0, Instant.now()).toMillis() / 1000.0;
        Bench.say("history: " + all.size() + " finished tours; probing");
        double heap = operator.heapAfterGcMiB();
        double rss = operator.rssMiB();
        String probe = prefix + "p" + String.format("%04d", checkpoint);
        Map<String, Long> before = flows.counts(PromText.parse(admin.raw("/metrics")));
        double cpu0 = operator.cpuSeconds();
        Instant p0 = Instant.now();
        admin.resource(probeTour(probe)).create();
        awaitCompleted(admin, List.of(probe), Duration.ofMinutes(3));
        double probeSeconds = Duration.between(p0, Instant.now()).toMillis() / 1000.0;
        double cpu1 = operator.cpuSeconds();
        // the last status write arrives at the API server just before the tour reads Completed
        BenchOperator.sleep(1000);
        Map<String, Long> delta =
            Bench.delta(flows.counts(PromText.parse(admin.raw("/metrics"))), before);
        long requests = delta.values().stream().mapToLong(Long::longValue).sum();
        long patches =
            delta.getOrDefault(
                ClientFlowSchemas.label("patch", "clustertour.io", "clustertours/status"), 0L);
        all.add(probe);
        points.add(
            new HistoryGrowth.Point(
                checkpoint,
                BenchRun.round(heap),
                BenchRun.round(rss),
                BenchRun.round(probeSeconds),
                BenchRun.round(cpu1 - cpu0),
                requests,
                patches));
      }
    }
    fillSeconds = BenchRun.round(fillSeconds);
    Bench.say("history: a fresh operator over " + all.size() + " finished tours");
    try (BenchOperator operator =
        BenchOperator.start(
            JAR, identity.kubeconfig, out.resolve("operator-history-restart.log"), operatorEnv)) {
      restartReady = operator.startToReadyMs;
      restartCpu = operator.cpuSeconds();
      BenchOperator.sleep(5000);
      restartHeap = operator.heapAfterGcMiB();
      for (String name : all) {
        Tours.api(admin).withName(name).delete();
      }
      await("history tours deleted")
          .atMost(Duration.ofMinutes(6))
          .pollInterval(Duration.ofSeconds(2))
          .until(
              () ->
                  admin.namespaces().list().getItems().stream()
                      .noneMatch(ns -> ns.getMetadata().getName().startsWith(prefix)));
    }
    Bench.say(
        "history: done in "
            + Duration.between(fillStart, Instant.now()).toSeconds()
            + " s (cleanup included)");
    return new HistoryGrowth.Result(
        target,
        points,
        HistoryGrowth.per100(points, HistoryGrowth.Point::heapAfterGcMiB),
        HistoryGrowth.per100(points, HistoryGrowth.Point::rssMiB),
        HistoryGrowth.per100(points, HistoryGrowth.Point::probeCpuSeconds),
        HistoryGrowth.per100(points, p -> p.probeRequests()),
        restartReady,
        BenchRun.round(restartHeap),
        BenchRun.round(restartCpu),
        fillSeconds);
  }

  private static void awaitCompleted(KubernetesClient admin, List<String> names, Duration atMost) {
    await("tours completed: " + names.get(0) + (names.size() > 1 ? " …" : ""))
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                Tours.api(admin).withLabel(Bench.BENCH_LABEL).list().getItems().stream()
                        .filter(t -> names.contains(t.getMetadata().getName()))
                        .filter(HistoryPhase::completed)
                        .count()
                    == names.size());
  }

  private static boolean completed(ClusterTour t) {
    return Tours.condition(t, "Completed").filter("True"::equals).isPresent();
  }

  /** A finished tour of the history: one Namespace stop, its namespace kept. */
  static String historyTour(String name) {
    return """
        apiVersion: clustertour.io/v1alpha1
        kind: ClusterTour
        metadata:
          name: %1$s
          labels: {%2$s: "true"}
        spec:
          stops:
          - {name: namespace, type: Namespace, namespace: {name: %1$s}}
        """
        .formatted(name, Bench.BENCH_LABEL);
  }

  /** The new tour measured at each checkpoint: a namespace and a one-pod Deployment. */
  static String probeTour(String name) {
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
                         imagePullPolicy: IfNotPresent, replicas: 1, command: [httpd, -f, -p, "8080"]}
        """
        .formatted(name, Bench.BENCH_LABEL);
  }
}
