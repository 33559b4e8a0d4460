package io.clustertour.operator.bench;

import static org.awaitility.Awaitility.await;

import io.clustertour.operator.receive.AuditRecord;
import io.clustertour.operator.receive.EvidenceSink;
import io.clustertour.operator.receive.Receivers;
import io.clustertour.operator.receive.Span;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The API server's request latency with its audit webhook and tracing on and off in one run: the
 * same workload before, while the API server runs without those flags, and after its original
 * command line is back. Restarts kube-apiserver, so it runs only on the project's own local cluster
 * (its recorded command lines under .cluster/pids) and never elsewhere.
 */
final class ApiServerOverhead {
  static final String METRIC = "apiserver_request_duration_seconds_bucket";
  // the flags that turn on the audit webhook and tracing, each followed by its value
  static final Set<String> EVIDENCE_FLAGS =
      Set.of(
          "--audit-policy-file",
          "--audit-webhook-config-file",
          "--audit-webhook-mode",
          "--audit-webhook-batch-max-wait",
          "--audit-webhook-initial-backoff",
          "--tracing-config-file");
  static final List<String> COMPONENTS =
      List.of(
          "containerd",
          "etcd",
          "otlp-relay",
          "kube-apiserver",
          "kube-controller-manager",
          "kube-scheduler",
          "kubelet",
          "kube-proxy");
  static final Set<String> RESOURCES = Set.of("configmaps", "pods", "deployments", "replicasets");

  /** Server-side latency of one verb and resource from the histogram's delta. */
  record Verb(long count, Double p50Ms, Double p95Ms) {}

  /** One pass of the workload. */
  record Side(
      String mode,
      String started,
      double seconds,
      Map<String, Verb> server,
      Map<String, Stats> clientMs,
      long auditRecordsReceived,
      long spansReceived) {}

  /** p50 and p95 on / off per verb. */
  record Ratio(Double p50, Double p95) {}

  /** The whole comparison, or why it was skipped. */
  record Result(
      String date,
      String command,
      String skipped,
      String workload,
      String kubelet,
      int repeatsOn,
      int repeatsOff,
      List<Side> sides,
      Map<String, Ratio> ratiosOnOff,
      String restored) {}

  private final KubernetesClient admin;
  private final Path state;
  private final Path componentSh;
  private final int configMaps;
  private final int replicas;

  private ApiServerOverhead(KubernetesClient admin, Path state, int configMaps, int replicas) {
    this.admin = admin;
    this.state = state;
    this.componentSh = state.getParent().resolve("hack/local-cluster/component.sh");
    this.configMaps = configMaps;
    this.replicas = replicas;
  }

  /** Why this cluster must not be restarted here, or null when it is the project's local one. */
  static String refusal(Path kubeconfig) throws IOException {
    Path state = kubeconfig.toAbsolutePath().normalize().getParent();
    Path cmd = state.resolve("pids/kube-apiserver.cmd");
    if (!state.getFileName().toString().equals(".cluster") || !Files.exists(cmd)) {
      return "not the project's local cluster (no .cluster/pids/kube-apiserver.cmd beside "
          + kubeconfig
          + "): its API server is never restarted";
    }
    if (!Files.exists(state.getParent().resolve("hack/local-cluster/component.sh"))) {
      return "no hack/local-cluster/component.sh beside " + state;
    }
    List<String> args = args(Files.readAllBytes(cmd));
    if (args.stream().noneMatch(EVIDENCE_FLAGS::contains)) {
      return "the local API server runs without audit webhook and tracing already";
    }
    return null;
  }

  static Result run(KubernetesClient admin, Path kubeconfig, String command) throws Exception {
    String date = Instant.now().toString();
    int configMaps = Integer.getInteger("bench.apiserver.configMaps", 300);
    int replicas = Integer.getInteger("bench.apiserver.replicas", 30);
    String workload =
        configMaps
            + " ConfigMap creates and deletes one after the other, then one Deployment of "
            + replicas
            + " busybox pods until all are available, then the namespace deleted";
    String refusal =
        "off".equals(System.getProperty("bench.apiserver", "auto"))
            ? "-Dbench.apiserver=off"
            : null;
    if (refusal == null) {
      refusal = refusal(kubeconfig);
    }
    if (refusal != null) {
      Bench.say("apiserver on/off skipped: " + refusal);
      return new Result(date, command, refusal, workload, null, 0, 0, List.of(), Map.of(), null);
    }
    Path state = kubeconfig.toAbsolutePath().normalize().getParent();
    return new ApiServerOverhead(admin, state, configMaps, replicas)
        .compare(date, command, workload);
  }

  private Result compare(String date, String command, String workload) throws Exception {
    Path cmdFile = state.resolve("pids/kube-apiserver.cmd");
    byte[] original = Files.readAllBytes(cmdFile);
    List<Side> sides = new ArrayList<>();
    String restored;
    sides.add(side("on", 1));
    try {
      component("stop", "kube-apiserver");
      Files.write(cmdFile, join(withoutEvidence(args(original))));
      try {
        component("start", "kube-apiserver");
      } finally {
        // whoever starts it next (the supervisor, component.sh) starts the original
        Files.write(cmdFile, original);
      }
      requireFlags(false);
      awaitHealthy();
      sides.add(side("off", 1));
    } finally {
      component("stop", "kube-apiserver");
      component("start", "kube-apiserver");
      requireFlags(true);
      restored = awaitHealthy();
    }
    sides.add(side("on", 2));
    Map<String, Ratio> ratios = new TreeMap<>();
    Side off = sides.get(1);
    for (String verb : off.server().keySet()) {
      List<Verb> on =
          sides.stream()
              .filter(s -> s.mode().equals("on"))
              .map(s -> s.server().get(verb))
              .filter(v -> v != null)
              .toList();
      if (on.isEmpty()) {
        continue;
      }
      ratios.put(
          verb,
          new Ratio(
              LoadMath.ratio(
                  mean(on.stream().map(Verb::p50Ms).toList()), off.server().get(verb).p50Ms()),
              LoadMath.ratio(
                  mean(on.stream().map(Verb::p95Ms).toList()), off.server().get(verb).p95Ms())));
    }
    String kubelet =
        "the kubelet's tracing stays on in both (its configuration file is not touched)";
    return new Result(date, command, null, workload, kubelet, 2, 1, sides, ratios, restored);
  }

  private static Double mean(List<Double> values) {
    List<Double> known = values.stream().filter(v -> v != null).toList();
    return known.isEmpty()
        ? null
        : known.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  /** Runs the workload once, the local receivers listening as the operator's would. */
  private Side side(String mode, int repeat) throws Exception {
    AtomicLong audited = new AtomicLong();
    AtomicLong traced = new AtomicLong();
    EvidenceSink counting =
        new EvidenceSink() {
          @Override
          public int audited(List<AuditRecord> records) {
            audited.addAndGet(records.size());
            return records.size();
          }

          @Override
          public int traced(List<Span> spans) {
            traced.addAndGet(spans.size());
            return spans.size();
          }
        };
    Path pki = state.resolve("pki");
    String started = Instant.now().toString();
    Map<String, List<Double>> client = new TreeMap<>();
    SortedMap<String, SortedMap<Double, Double>> before;
    SortedMap<String, SortedMap<Double, Double>> after;
    long t0 = System.nanoTime();
    // the API server's webhook and exporters point at the operator's fixed ports; the lock is held
    try (Receivers receivers =
        Receivers.start(
            new Receivers.Settings(
                9443,
                "127.0.0.1",
                pki.resolve("evidence-receiver.crt"),
                pki.resolve("evidence-receiver.key"),
                pki.resolve("ca.crt"),
                14317,
                "127.0.0.1"),
            counting)) {
      Bench.say(
          "apiserver "
              + mode
              + " #"
              + repeat
              + ": receivers "
              + receivers.auditProblem()
              + " / "
              + receivers.traceProblem());
      String ns = "bench-apiserver-" + mode + "-" + repeat;
      before = histograms();
      workload(ns, client);
      after = histograms();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Map<String, Verb> server = new TreeMap<>();
    after.forEach(
        (key, buckets) -> {
          SortedMap<Double, Double> delta = new TreeMap<>();
          SortedMap<Double, Double> was = before.getOrDefault(key, new TreeMap<>());
          buckets.forEach((le, n) -> delta.put(le, n - was.getOrDefault(le, 0.0)));
          long count = Math.round(delta.get(delta.lastKey()));
          if (count >= 5) {
            server.put(
                key,
                new Verb(
                    count,
                    ms(LoadMath.histogramQuantile(delta, 0.5)),
                    ms(LoadMath.histogramQuantile(delta, 0.95))));
          }
        });
    Map<String, Stats> clientMs = new TreeMap<>();
    client.forEach((k, v) -> clientMs.put(k, Stats.of(v)));
    Side side = new Side(mode, started, seconds, server, clientMs, audited.get(), traced.get());
    Bench.say("apiserver " + mode + ": " + side);
    return side;
  }

  private static Double ms(Double seconds) {
    return seconds == null ? null : seconds * 1000;
  }

  private void workload(String ns, Map<String, List<Double>> client) {
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(ns)
                .addToLabels(Bench.BENCH_LABEL, "apiserver")
                .endMetadata()
                .build())
        .create();
    await("default ServiceAccount of " + ns)
        .atMost(Duration.ofSeconds(60))
        .until(() -> admin.serviceAccounts().inNamespace(ns).withName("default").get() != null);
    for (int i = 0; i < configMaps; i++) {
      String name = "cm-" + i;
      long c0 = System.nanoTime();
      admin
          .configMaps()
          .inNamespace(ns)
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .endMetadata()
                  .addToData("i", Integer.toString(i))
                  .build())
          .create();
      long c1 = System.nanoTime();
      admin.configMaps().inNamespace(ns).withName(name).delete();
      long c2 = System.nanoTime();
      client.computeIfAbsent("POST configmaps", k -> new ArrayList<>()).add((c1 - c0) / 1e6);
      client.computeIfAbsent("DELETE configmaps", k -> new ArrayList<>()).add((c2 - c1) / 1e6);
    }
    Deployment d =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("load")
            .endMetadata()
            .withNewSpec()
            .withReplicas(replicas)
            .withNewSelector()
            .addToMatchLabels("app", "load")
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", "load")
            .endMetadata()
            .withNewSpec()
            .withTerminationGracePeriodSeconds(0L)
            .addNewContainer()
            .withName("sleep")
            .withImage("busybox:1.36")
            .withImagePullPolicy("IfNotPresent")
            .withCommand("sleep", "3600")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    long d0 = System.nanoTime();
    admin.apps().deployments().inNamespace(ns).resource(d).create();
    await(replicas + " pods available in " + ns)
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              Deployment now = admin.apps().deployments().inNamespace(ns).withName("load").get();
              Integer available =
                  now.getStatus() == null ? null : now.getStatus().getAvailableReplicas();
              return available != null && available == replicas;
            });
    client
        .computeIfAbsent("Deployment create → all available", k -> new ArrayList<>())
        .add((System.nanoTime() - d0) / 1e6);
    admin.namespaces().withName(ns).delete();
    await(ns + " gone")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> admin.namespaces().withName(ns).get() == null);
  }

  /** Cumulative buckets by "VERB resource[/subresource]" for the resources the workload touches. */
  private SortedMap<String, SortedMap<Double, Double>> histograms() {
    SortedMap<String, SortedMap<Double, Double>> out = new TreeMap<>();
    for (PromText.Sample s : PromText.parse(admin.raw("/metrics"))) {
      if (!s.name().equals(METRIC) || !RESOURCES.contains(s.label("resource"))) {
        continue;
      }
      String key =
          s.label("verb")
              + " "
              + s.label("resource")
              + (s.label("subresource").isEmpty() ? "" : "/" + s.label("subresource"));
      String le = s.label("le");
      double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
      out.computeIfAbsent(key, k -> new TreeMap<>()).merge(bound, s.value(), Double::sum);
    }
    return out;
  }

  /** The API server's command line without the audit webhook and tracing flags. Pure. */
  static List<String> withoutEvidence(List<String> args) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String flag = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      if (EVIDENCE_FLAGS.contains(flag)) {
        if (!a.contains("=")) {
          i++; // its value
        }
        continue;
      }
      out.add(a);
    }
    return out;
  }

  /** A recorded command line: arguments separated by NUL, as in /proc/PID/cmdline. */
  static List<String> args(byte[] cmdline) {
    String text = new String(cmdline, StandardCharsets.UTF_8);
    if (text.endsWith("\0")) {
      text = text.substring(0, text.length() - 1);
    }
    return Arrays.asList(text.split("\0", -1));
  }

  static byte[] join(List<String> args) {
    return (String.join("\0", args) + "\0").getBytes(StandardCharsets.UTF_8);
  }

  private void requireFlags(boolean on) throws IOException {
    String pid = Files.readString(state.resolve("pids/kube-apiserver")).strip();
    List<String> running = args(Files.readAllBytes(Path.of("/proc", pid, "cmdline")));
    boolean has = running.stream().anyMatch(a -> a.startsWith("--audit-webhook-config-file"));
    if (has != on) {
      throw new IllegalStateException(
          "kube-apiserver (pid "
              + pid
              + ") runs "
              + (has ? "with" : "without")
              + " the audit webhook, expected the opposite");
    }
  }

  /**
   * Waits until every component answers. The supervisor restarts what lost its lease; when it does
   * not run, a component still down after 20 s is started here (and the result says so).
   */
  private String awaitHealthy() throws Exception {
    long t0 = System.nanoTime();
    List<String> startedHere = new ArrayList<>();
    await("every local cluster component running and healthy")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              if (System.nanoTime() - t0 > 20e9 && component("status", "supervisor").exit() != 0) {
                for (String c : List.of("kube-controller-manager", "kube-scheduler")) {
                  if (component("status", c).exit() != 0) {
                    component("start", c);
                    startedHere.add(c);
                  }
                }
              }
              return allRunning() && allHealthy();
            });
    return "all components healthy "
        + Math.round((System.nanoTime() - t0) / 1e8) / 10.0
        + " s after the start"
        + (startedHere.isEmpty()
            ? " (the supervisor's doing where one had exited)"
            : "; the supervisor was not running, so the bench started " + startedHere)
        + "; component.sh status:\n"
        + component("status").output();
  }

  // the components themselves: `component.sh status` also fails while the supervisor is stopped
  private boolean allRunning() throws Exception {
    for (String c : COMPONENTS) {
      if (component("status", c).exit() != 0) {
        return false;
      }
    }
    return true;
  }

  private boolean allHealthy() throws Exception {
    for (String c :
        List.of("kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubelet")) {
      if (component("healthy", c).exit() != 0) {
        return false;
      }
    }
    return true;
  }

  record Outcome(int exit, String output) {}

  private Outcome component(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", componentSh.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("CLUSTER_DIR", state.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    if (!args[0].equals("status") && !args[0].equals("healthy")) {
      Bench.say("component.sh " + String.join(" ", args) + " → " + exit + ": " + out.strip());
      if (exit != 0) {
        throw new IllegalStateException(
            "component.sh " + String.join(" ", args) + " failed: " + out);
      }
    }
    return new Outcome(exit, out);
  }
}
