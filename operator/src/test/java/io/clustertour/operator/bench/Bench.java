package io.clustertour.operator.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.testsupport.Crds;
import io.clustertour.operator.testsupport.LocalEvidence;
import io.clustertour.operator.testsupport.Tours;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code make bench}: runs N = 1, 10, 25 concurrent Namespace+Deployment tours against the cluster,
 * each run with a freshly started operator (as its chart ServiceAccount), and measures it against
 * an independent watcher and the API server's own metrics. Writes target/bench/results.json and the
 * generated section of docs/benchmarks.md. Run from the operator module (hack/bench/run.sh).
 */
public final class Bench {
  static final String BENCH_LABEL = "clustertour.io/bench";
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path JAR = Path.of("target/cluster-tour-operator.jar");

  /** The API server's view of the operator's requests in one run. */
  record Api(
      Map<String, Long> startup,
      Map<String, Long> idle,
      Map<String, Long> run,
      long runRequests,
      double requestsPerTour,
      double statusPatchesPerTour,
      long watchRequestsAtStartup,
      long watchRequestsDuringRun,
      long listsWhileIdle,
      long listsDuringRun,
      long openWatches,
      Map<String, Long> openWatchesByResource) {}

  /** The operator process seen from outside. */
  record Footprint(
      long startToReadyMs,
      double idleRssMiB,
      double idleCpuPercent,
      double peakRssMiB,
      double runCpuPercent,
      double cpuSecondsPerTour,
      double idleHeapAfterGcMiB,
      double endHeapAfterGcMiB) {}

  /** The operator's own histogram of watch receive minus eventTime. */
  record OperatorLagMetric(long count, Double meanMs, Double p95UpperBoundMs) {}

  /** One run at one N. */
  record Run(
      int n,
      int repeat,
      String load,
      double allCompletedSeconds,
      int completed,
      String slowestStop,
      RunAnalysis.Result analysis,
      Api api,
      Footprint footprint,
      OperatorLagMetric operatorMetric,
      ReferenceLatency.Result references) {}

  /** Where and when the figures were taken. */
  record Setup(
      String date,
      String command,
      String kubernetes,
      String node,
      String machine,
      String java,
      String operatorHeap,
      int idleSeconds,
      int repeats,
      boolean evidenceReceivers) {}

  private Bench() {}

  public static void main(String[] args) throws Exception {
    int code = 1;
    try {
      run();
      code = 0;
    } catch (Exception | AssertionError e) {
      e.printStackTrace();
    }
    // fabric8's and the watcher's threads would keep exec:java waiting
    System.exit(code);
  }

  private static void run() throws Exception {
    // "receivers": only the in-process receiver load (no cluster); "cluster": the tours, then the
    // API server on/off; "apiserver": only that; "": everything
    String only = System.getProperty("bench.only", "").strip();
    Path out = ROOT.resolve("target/bench");
    Files.createDirectories(out);
    Map<String, Object> results = previous(out.resolve("results.json"));
    if (!only.isEmpty() && !List.of("receivers", "cluster", "apiserver").contains(only)) {
      throw new IllegalArgumentException(
          "bench.only: receivers, cluster, apiserver or nothing, not " + only);
    }
    if (only.isEmpty() || only.equals("receivers")) {
      ReceiverLoad.Result receivers =
          ReceiverLoad.run(System.getProperty("bench.command", "make bench"));
      results.put(receivers.key(), receivers);
      write(out, results);
      List<ReceiverLoad.Result> both = new ArrayList<>();
      for (String key : List.of("receivers", "receiversNoDelay")) {
        if (results.get(key) != null) {
          both.add(JSON.convertValue(results.get(key), ReceiverLoad.Result.class));
        }
      }
      if (docs()) {
        ReceiverReport.write(ROOT.resolve("docs/benchmarks.md"), both);
      }
      if (!only.isEmpty()) {
        say("wrote " + out.resolve("results.json") + " and docs/benchmarks.md");
        return;
      }
    }
    Path kubeconfig = Path.of(System.getProperty("bench.kubeconfig", System.getenv("KUBECONFIG")));
    List<Integer> sizes =
        Arrays.stream(System.getProperty("bench.n", "1,10,25").split(","))
            .map(String::strip)
            .map(Integer::parseInt)
            .toList();
    int idleSeconds = Integer.parseInt(System.getProperty("bench.idleSeconds", "20"));
    refuseOtherOperators();
    KubernetesClient admin =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
            .build();
    if (only.equals("apiserver")) {
      apiServer(admin, kubeconfig, out, results);
      return;
    }
    Crds.install(admin);
    removeLeftovers(admin);
    BusyLoad.removeLeftovers(admin);
    int repeats = Integer.parseInt(System.getProperty("bench.repeats", "3"));
    int historyCount = Integer.parseInt(System.getProperty("bench.history", "200"));
    boolean busyOn = !"off".equals(System.getProperty("bench.busy", "on"));
    int busyN = Integer.parseInt(System.getProperty("bench.busy.n", "10"));
    Map<String, String> operatorEnv =
        "off".equals(System.getProperty("bench.evidence", "auto"))
            ? Map.of()
            : LocalEvidence.receiverEnv(kubeconfig);
    Setup setup = setup(admin, idleSeconds, repeats, !operatorEnv.isEmpty());
    String runId = "run-" + setup.date().replace(":", "").replaceAll("\\..*", "");
    say(
        "bench "
            + runId
            + " on "
            + setup.kubernetes()
            + ", "
            + setup.machine()
            + "; N = "
            + sizes
            + " x "
            + repeats
            + (busyOn ? ", busy at N=" + busyN : "")
            + ", history "
            + historyCount
            + (operatorEnv.isEmpty() ? ", evidence receivers off" : ", evidence receivers on"));
    List<Run> runs = new ArrayList<>();
    Map<Integer, List<ClusterTour>> quietTours = new TreeMap<>();
    BenchReport.Busy busy = null;
    HistoryGrowth.Result history = null;
    Map<Integer, Pooled> pooled = new TreeMap<>();
    try (BenchIdentity identity =
            BenchIdentity.install(admin, kubeconfig, out.resolve("operator.kubeconfig"));
        ClientFlowSchemas flows =
            ClientFlowSchemas.create(
                admin,
                BenchIdentity.NAMESPACE,
                identity.serviceAccount,
                identity.clusterRules,
                identity.roleRules);
        IndependentWatcher watcher = IndependentWatcher.start(kubeconfig)) {
      String token = Long.toString(Instant.now().getEpochSecond() % 1_679_616, 36);
      BenchRun bench = new BenchRun(admin, identity, flows, watcher, out, idleSeconds, operatorEnv);
      // repeats interleaved (1, 10, 25, 1, 10, 25, ...) so a slow stretch of the machine
      // spreads over every N instead of falling on one
      for (int r = 1; r <= repeats; r++) {
        for (int n : sizes) {
          runs.add(bench.run(n, token, r, "quiet"));
          quietTours.computeIfAbsent(n, k -> new ArrayList<>()).addAll(bench.lastTours);
        }
      }
      quietTours.forEach(
          (n, tours) ->
              pooled.put(
                  n,
                  new Pooled(
                      n,
                      RunAnalysis.analyze(
                          tours, watcher.events, watcher.pods, watcher.entryVisible),
                      ReferenceLatency.analyze(
                          tours, watcher.pods, List.copyOf(watcher.podEvents)))));
      if (busyOn) {
        busy = busy(admin, bench, token, busyN, repeats, runs);
      }
      if (historyCount > 0) {
        history = HistoryPhase.run(admin, identity, flows, out, operatorEnv, token, historyCount);
      }
    }
    results.put("runId", runId);
    results.put("setup", setup);
    results.put("runs", runs);
    results.put("pooled", pooled.values());
    results.put("repeats", BenchReport.repeats(runs));
    results.put("busy", busy);
    results.put("history", history);
    results.put("targets", BenchReport.targets(runs, busy, history));
    write(out, results);
    apiServer(admin, kubeconfig, out, results);
    Files.createDirectories(out.resolve("runs"));
    Files.writeString(out.resolve("runs/" + runId + ".json"), JSON.writeValueAsString(results));
    BenchReport.Input input =
        new BenchReport.Input(runId, setup, runs, List.copyOf(pooled.values()), busy, history);
    // the section as it would go into the page, also for trial runs that leave docs/ alone
    Files.writeString(out.resolve("runs/" + runId + ".md"), BenchReport.markdown(input));
    if (docs()) {
      Summary.write(ROOT.resolve("docs/benchmarks-results.json"), results);
      BenchReport.write(ROOT.resolve("docs/benchmarks.md"), input);
    }
    say(
        "wrote "
            + out.resolve("results.json")
            + ", "
            + out.resolve("runs/" + runId + ".json")
            + (docs()
                ? ", docs/benchmarks.md and docs/benchmarks-results.json"
                : " (docs not written: -Dbench.docs=off)"));
  }

  /** The figures of one N pooled over its quiet repeats (percentiles over all their samples). */
  record Pooled(int n, RunAnalysis.Result analysis, ReferenceLatency.Result references) {}

  /**
   * The page and the committed summary are written only when asked: docs.write=true, as
   * hack/bench/run.sh gives it (and GeneratedSection requires), and not -Dbench.docs=off.
   */
  static boolean docs() {
    return Boolean.getBoolean("docs.write")
        && !"off".equals(System.getProperty("bench.docs", "on"));
  }

  /**
   * The busy-cluster comparison at one N: the quiet repeats of that N are the load-off figures of
   * this same bench; the load-on runs follow with the background load started a while before each
   * operator (so its caches fill with it during the idle window).
   */
  private static BenchReport.Busy busy(
      KubernetesClient admin, BenchRun bench, String token, int n, int repeats, List<Run> runs)
      throws Exception {
    int crash = Integer.parseInt(System.getProperty("bench.busy.crashPods", "3"));
    String[] flap = System.getProperty("bench.busy.flap", "1-4").split("-");
    int period = Integer.parseInt(System.getProperty("bench.busy.flapSeconds", "10"));
    double rate = Double.parseDouble(System.getProperty("bench.busy.eventsPerSecond", "20"));
    int warm = Integer.parseInt(System.getProperty("bench.busy.warmSeconds", "20"));
    List<Run> quiet = runs.stream().filter(r -> r.n() == n && r.load().equals("quiet")).toList();
    List<Run> loaded = new ArrayList<>();
    BusyLoad.Shape shape;
    try (BusyLoad load =
        BusyLoad.start(
            admin, crash, Integer.parseInt(flap[0]), Integer.parseInt(flap[1]), period, rate)) {
      say("busy: load started; " + warm + " s before the first run");
      BenchOperator.sleep(warm * 1000L);
      for (int r = 1; r <= repeats; r++) {
        Run run = bench.run(n, token, r, "busy");
        runs.add(run);
        loaded.add(run);
      }
      shape = load.shape();
    }
    return new BenchReport.Busy(
        n,
        shape,
        quiet.stream().map(Bench::runName).toList(),
        loaded.stream().map(Bench::runName).toList(),
        LoadComparison.compare(quiet, loaded));
  }

  static String runName(Run r) {
    return r.load() + "-n" + r.n() + "-r" + r.repeat();
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The last run's figures, so a partial run replaces only its own part of the file. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> previous(Path file) throws java.io.IOException {
    Map<String, Object> results = new LinkedHashMap<>();
    if (Files.exists(file)) {
      results.putAll(JSON.readValue(file.toFile(), Map.class));
    }
    return results;
  }

  private static void write(Path out, Map<String, Object> results) throws java.io.IOException {
    Files.writeString(out.resolve("results.json"), JSON.writeValueAsString(results));
  }

  /** Audit and tracing on vs off; restarts the API server, so only on the project's own cluster. */
  private static void apiServer(
      KubernetesClient admin, Path kubeconfig, Path out, Map<String, Object> results)
      throws Exception {
    if ("off".equals(System.getProperty("bench.apiserver", "auto"))) {
      // skipped on purpose: the last measured figures (results.json, the page) stay as they are
      say("apiserver on/off skipped (-Dbench.apiserver=off); its previous figures are kept");
      return;
    }
    refuseOtherOperators();
    ApiServerOverhead.Result r =
        ApiServerOverhead.run(admin, kubeconfig, System.getProperty("bench.command", "make bench"));
    results.put("apiserver", r);
    write(out, results);
    if (docs()) {
      ApiServerReport.write(ROOT.resolve("docs/benchmarks.md"), r);
    }
  }

  /** Two operators reconciling the same tours would corrupt every figure. */
  private static void refuseOtherOperators() {
    List<String> others =
        ProcessHandle.allProcesses()
            .filter(p -> p.pid() != ProcessHandle.current().pid())
            .map(p -> p.info().commandLine().orElse(""))
            .filter(c -> c.contains("cluster-tour-operator.jar"))
            .toList();
    if (!others.isEmpty()) {
      throw new IllegalStateException(
          "another ClusterTour operator runs on this machine; stop it first: " + others);
    }
  }

  /** Tours of an interrupted bench keep their finalizer without an operator: drop it. */
  private static void removeLeftovers(KubernetesClient admin) {
    for (ClusterTour t : Tours.api(admin).withLabel(BENCH_LABEL).list().getItems()) {
      Tours.api(admin)
          .withName(t.getMetadata().getName())
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
      Tours.api(admin).withName(t.getMetadata().getName()).delete();
    }
    await("leftover bench tours gone")
        .atMost(Duration.ofMinutes(2))
        .until(() -> Tours.api(admin).withLabel(BENCH_LABEL).list().getItems().isEmpty());
  }

  private static Setup setup(KubernetesClient admin, int idleSeconds, int repeats, boolean evidence)
      throws Exception {
    Node node = admin.nodes().list().getItems().get(0);
    String os =
        Files.readAllLines(Path.of("/etc/os-release")).stream()
            .filter(l -> l.startsWith("PRETTY_NAME="))
            .map(l -> l.substring(12).replace("\"", ""))
            .findFirst()
            .orElse("Linux");
    long memKb =
        Files.readAllLines(Path.of("/proc/meminfo")).stream()
            .filter(l -> l.startsWith("MemTotal:"))
            .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
            .findFirst()
            .orElse(0L);
    String kernel = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
    return new Setup(
        Instant.now().toString(),
        "make bench",
        admin.getKubernetesVersion().getGitVersion(),
        node.getMetadata().getName()
            + " (kubelet "
            + node.getStatus().getNodeInfo().getKubeletVersion()
            + ", "
            + node.getStatus().getNodeInfo().getContainerRuntimeVersion()
            + ")",
        Runtime.getRuntime().availableProcessors()
            + " CPUs, "
            + Math.round(memKb / 1024.0 / 1024.0)
            + " GiB, "
            + os
            + ", kernel "
            + kernel,
        "OpenJDK " + System.getProperty("java.runtime.version"),
        BenchOperator.HEAP,
        idleSeconds,
        repeats,
        evidence);
  }

  private static final long STARTED = System.nanoTime();

  static void say(String text) {
    long s = (System.nanoTime() - STARTED) / 1_000_000_000L;
    System.out.printf(">> bench [%d:%02d]: %s%n", s / 60, s % 60, text);
  }

  static Map<String, Long> delta(Map<String, Long> after, Map<String, Long> before) {
    Map<String, Long> d = new TreeMap<>();
    after.forEach(
        (k, v) -> {
          long x = v - before.getOrDefault(k, 0L);
          if (x != 0) {
            d.put(k, x);
          }
        });
    return d;
  }
}
