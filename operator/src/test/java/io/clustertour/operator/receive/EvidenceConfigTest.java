package io.clustertour.operator.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.clustertour.operator.testsupport.ConfigTools;
import io.clustertour.operator.testsupport.HelmChart;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The configurations that give the operator direct evidence on kind, minikube and k3s
 * (hack/evidence-config.sh, deploy/evidence/) checked by the real tools that run here: kubeadm
 * validates kind's patched kubeadm configuration and renders the API server's static pod and the
 * kubelet's configuration from it; evidence-check loads every generated file with the API server's
 * and the kubelet's own loaders; the API server's webhook client and OTLP exporter reach the
 * operator's receivers with the generated certificates; every flag is one kube-apiserver or the
 * kubelet knows. kind, minikube and k3s themselves do not run here.
 */
class EvidenceConfigTest {
  private static final Path DEPLOY = Path.of("../deploy/evidence");
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String KIND_DIR = "/etc/clustertour";
  private static final String MINIKUBE_DIR = "/var/lib/minikube/certs/clustertour";
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  /** The API server flags every configuration passes, and the local cluster's up.sh too. */
  private static final Map<String, String> APISERVER_FLAGS =
      new TreeMap<>(
          Map.of(
              "audit-policy-file", "audit-policy.yaml",
              "audit-webhook-config-file", "audit-webhook.kubeconfig",
              "audit-webhook-mode", "batch",
              "audit-webhook-batch-max-wait", "100ms",
              "audit-webhook-initial-backoff", "1s",
              "tracing-config-file", "apiserver-tracing.yaml"));

  private static ConfigTools tools;

  @TempDir Path tmp;

  private static synchronized ConfigTools tools() {
    if (tools == null) {
      tools = ConfigTools.require();
    }
    return tools;
  }

  @ParameterizedTest
  @ValueSource(strings = {"kind", "minikube", "k3s"})
  void certificatesNameTheReceiverAndTrustOnlyTheirOwnCa(String target) throws Exception {
    String ip = target.equals("k3s") ? "10.43.0.200" : "10.96.0.200";
    Path out = generate(target, tmp.resolve(target));

    X509Certificate ca = cert(out.resolve("ca.crt"));
    X509Certificate receiver = cert(out.resolve("operator/tls.crt"));
    X509Certificate client = cert(out.resolve("node/audit-client.crt"));
    receiver.verify(ca.getPublicKey());
    client.verify(ca.getPublicKey());
    assertThat(receiver.getSubjectAlternativeNames())
        .as("the address the API server dials is the receiver certificate's only name")
        .containsExactly(List.of(7, ip));
    assertThat(receiver.getExtendedKeyUsage()).contains(SERVER_AUTH);
    assertThat(client.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
    assertThat(client.getSubjectX500Principal().getName()).isEqualTo("CN=kube-apiserver-audit");
    assertThat(Files.readString(out.resolve("operator/tls.key")))
        .as("the receivers read PKCS#8")
        .startsWith("-----BEGIN PRIVATE KEY-----");
    try (Stream<Path> node = Files.walk(out.resolve("node"))) {
      assertThat(node.map(p -> p.getFileName().toString()))
          .as("what goes onto the node holds no CA key and no receiver key")
          .doesNotContain("ca.key", "receiver.key", "tls.key");
    }
    JsonNode kubeconfig = YAML.readTree(out.resolve("node/audit-webhook.kubeconfig").toFile());
    String inNode = target.equals("minikube") ? MINIKUBE_DIR : KIND_DIR;
    JsonNode cluster = kubeconfig.at("/clusters/0/cluster");
    assertThat(cluster.path("server").asText()).isEqualTo("https://" + ip + ":443/audit");
    assertThat(cluster.path("certificate-authority").asText()).isEqualTo(inNode + "/ca.crt");
    assertThat(kubeconfig.at("/users/0/user/client-key").asText())
        .isEqualTo(inNode + "/audit-client.key");
    assertThat(Files.readString(out.resolve("node/audit-policy.yaml")))
        .as("one audit policy for the local cluster and the others")
        .isEqualTo(Files.readString(Path.of("../hack/local-cluster/audit-policy.yaml")));
  }

  @Test
  void runningAgainKeepsTheCaAndReissuesOnlyAMovedReceiver() throws Exception {
    Path out = generate("kind", tmp.resolve("kind"));
    String ca = Files.readString(out.resolve("ca.crt"));
    String client = Files.readString(out.resolve("node/audit-client.crt"));
    String receiver = Files.readString(out.resolve("operator/tls.crt"));

    generate("kind", out);
    assertThat(Files.readString(out.resolve("operator/tls.crt"))).isEqualTo(receiver);

    generate("kind", out, "--ip", "10.96.0.201");
    assertThat(Files.readString(out.resolve("ca.crt"))).isEqualTo(ca);
    assertThat(Files.readString(out.resolve("node/audit-client.crt"))).isEqualTo(client);
    assertThat(cert(out.resolve("operator/tls.crt")).getSubjectAlternativeNames())
        .containsExactly(List.of(7, "10.96.0.201"));
    assertThat(Files.readString(out.resolve("node/apiserver-tracing.yaml")))
        .contains("endpoint: \"10.96.0.201:4317\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"kind", "minikube", "k3s"})
  void apiServerAndKubeletLoadEveryGeneratedFile(String target) throws IOException {
    Path out = generate(target, tmp.resolve(target));
    Path node = out.resolve("node");
    ConfigTools t = tools();
    assertThat(t.evidenceCheck("audit-policy", node.resolve("audit-policy.yaml").toString()).ok())
        .extracting(ConfigTools.Result::output)
        .asString()
        .contains("audit policy with 4 rules");
    assertThat(t.evidenceCheck("tracing", node.resolve("apiserver-tracing.yaml").toString()).ok())
        .extracting(ConfigTools.Result::output)
        .asString()
        .contains("1000000 per million");
    assertThat(
            t.evidenceCheck(
                    "kubelet-config",
                    node.resolve("kubelet.conf.d/90-clustertour-tracing.conf").toString())
                .ok())
        .extracting(ConfigTools.Result::output)
        .asString()
        .contains(":4317, 1000000 per million");
    t.evidenceCheck("audit-webhook", onThisHost(out, target).toString()).ok();
  }

  @Test
  void theCheckerRefusesWhatTheApiServerOrKubeletWouldRefuse() throws IOException {
    Path out = generate("kind", tmp.resolve("kind"));
    Path badRate =
        spoiled(out, "node/kubelet.conf.d/90-clustertour-tracing.conf", "1000000", "2000000");
    Path badPolicy = spoiled(out, "node/audit-policy.yaml", "level: Metadata", "level: Everything");
    Path badTracing = spoiled(out, "node/apiserver-tracing.yaml", "endpoint:", "endpiont:");
    ConfigTools t = tools();
    assertThat(t.evidenceCheck("kubelet-config", badRate.toString()))
        .satisfies(r -> assertThat(r.exit()).isNotZero())
        .satisfies(r -> assertThat(r.output()).contains("samplingRatePerMillion"));
    assertThat(t.evidenceCheck("audit-policy", badPolicy.toString()).exit()).isNotZero();
    assertThat(t.evidenceCheck("tracing", badTracing.toString()))
        .satisfies(r -> assertThat(r.exit()).isNotZero())
        .satisfies(r -> assertThat(r.output()).contains("endpiont"));
  }

  @Test
  void theApiServersOwnClientsReachTheOperatorsReceiversWithTheseCertificates() throws Exception {
    Path out = generate("kind", tmp.resolve("kind"), "--ip", "127.0.0.1");
    int auditPort = freePort();
    int otlpPort = freePort();
    // the certificates exist now; the ports are only in the files, so write them once more
    generate(
        "kind",
        out,
        "--ip",
        "127.0.0.1",
        "--audit-port",
        "" + auditPort,
        "--otlp-port",
        "" + otlpPort);
    Path stranger =
        generate(
            "kind", tmp.resolve("stranger"), "--ip", "127.0.0.1", "--audit-port", "" + auditPort);
    try (Receivers receivers =
        Receivers.start(
            new Receivers.Settings(
                auditPort,
                "127.0.0.1",
                out.resolve("operator/tls.crt"),
                out.resolve("operator/tls.key"),
                out.resolve("operator/ca.crt"),
                otlpPort,
                "127.0.0.1"),
            new EvidenceSink() {
              @Override
              public int audited(List<AuditRecord> records) {
                return 0;
              }

              @Override
              public int traced(List<Span> spans) {
                return 0;
              }
            })) {
      assertThat(receivers.auditProblem()).isNull();
      assertThat(receivers.traceProblem()).isNull();
      ConfigTools t = tools();

      t.evidenceCheck("audit-webhook", onThisHost(out, "kind").toString(), "--send").ok();
      assertThat(receivers.auditStats().received())
          .as("the API server's webhook client delivered its batch")
          .isEqualTo(1);

      ConfigTools.Result refused =
          t.evidenceCheck("audit-webhook", onThisHost(stranger, "kind").toString(), "--send");
      assertThat(refused.exit())
          .as("a client certificate of another CA: %s", refused.output())
          .isNotZero();
      assertThat(receivers.auditStats().received()).isEqualTo(1);

      t.evidenceCheck("tracing", out.resolve("node/apiserver-tracing.yaml").toString(), "--send")
          .ok();
      await("the API server's OTLP exporter's span")
          .atMost(Duration.ofSeconds(10))
          .until(() -> receivers.traceStats().senders().contains("apiserver"));
    }
  }

  @Test
  void kindsPatchedKubeadmConfigurationIsWhatKubeadmAcceptsAndRenders() throws IOException {
    Path out = generate("kind", tmp.resolve("kind"));
    JsonNode committed = YAML.readTree(DEPLOY.resolve("kind-cluster.yaml").toFile());
    JsonNode generated = YAML.readTree(out.resolve("kind-cluster.yaml").toFile());
    assertThat(generated.at("/nodes/0/kubeadmConfigPatches"))
        .as("with the default receiver the generated config patches what the committed one does")
        .isEqualTo(committed.at("/nodes/0/kubeadmConfigPatches"));
    JsonNode mount = generated.at("/nodes/0/extraMounts/0");
    assertThat(mount.path("containerPath").asText()).isEqualTo(KIND_DIR);
    assertThat(Path.of(mount.path("hostPath").asText())).isEqualTo(out.resolve("node"));
    assertThat(committed.at("/nodes/0/extraMounts/0/hostPath").asText())
        .isEqualTo(".evidence/kind/node");
    JsonNode unit = generated.at("/nodes/0/extraMounts/1");
    assertThat(Path.of(unit.path("hostPath").asText())).isRegularFile();

    for (String version : List.of("v1beta3", "v1beta4")) {
      List<ObjectNode> docs = kindPatched(version, generated.at("/nodes/0/kubeadmConfigPatches"));
      // kubeadm reads its patches where kind's mount puts them; on this host that is the node dir
      ObjectNode init = doc(docs, "InitConfiguration");
      assertThat(init.at("/patches/directory").asText()).isEqualTo(KIND_DIR + "/kubeadm-patches");
      ((ObjectNode) init.get("patches"))
          .put("directory", out.resolve("node/kubeadm-patches").toString());
      Path config = tmp.resolve("kubeadm-" + version + ".yaml");
      Files.writeString(config, yaml(docs));

      ConfigTools t = tools();
      assertThat(
              t.kubeadm(Map.of(), "config", "validate", "--config", config.toString())
                  .ok()
                  .output())
          .as("kubeadm config validate (%s)", version)
          .contains("ok");

      Path dry = Files.createDirectories(tmp.resolve("dry-" + version));
      Map<String, String> env = Map.of("KUBEADM_INIT_DRYRUN_DIR", dry.toString());
      t.kubeadm(
              env,
              "init",
              "phase",
              "control-plane",
              "apiserver",
              "--config",
              config.toString(),
              "--dry-run")
          .ok();
      Pod apiserver =
          Serialization.unmarshal(Files.readString(dry.resolve("kube-apiserver.yaml")), Pod.class);
      Container c = apiserver.getSpec().getContainers().get(0);
      Map<String, String> flags = flags(c.getCommand());
      APISERVER_FLAGS.forEach(
          (name, value) ->
              assertThat(flags.get(name))
                  .as("kube-apiserver --%s in the static pod kubeadm wrote (%s)", name, version)
                  .endsWith(value));
      for (String file :
          List.of("audit-policy-file", "audit-webhook-config-file", "tracing-config-file")) {
        String inPod = flags.get(file);
        assertThat(c.getVolumeMounts())
            .anyMatch(
                m -> inPod.startsWith(m.getMountPath() + "/") && m.getMountPath().equals(KIND_DIR));
        assertThat(out.resolve("node").resolve(inPod.substring(KIND_DIR.length() + 1)))
            .isRegularFile();
      }
      assertThat(apiserver.getSpec().getVolumes())
          .extracting(Volume::getHostPath)
          .anyMatch(
              h -> h != null && h.getPath().equals(KIND_DIR) && "Directory".equals(h.getType()));
      assertThat(c.getEnv())
          .extracting(EnvVar::getName, EnvVar::getValue)
          .contains(tuple("OTEL_BSP_SCHEDULE_DELAY", "200"));

      t.kubeadm(env, "init", "phase", "kubelet-start", "--config", config.toString(), "--dry-run")
          .ok();
      assertThat(
              t.evidenceCheck("kubelet-config", dry.resolve("config.yaml").toString())
                  .ok()
                  .output())
          .as("the kubelet configuration kubeadm wrote, with the kubelet's own validation")
          .contains("kubelet tracing endpoint 10.96.0.200:4317, 1000000 per million");
    }
  }

  @Test
  void everyConfigurationPassesTheSameFlagsAndTheComponentsKnowThem() throws IOException {
    Map<String, Map<String, String>> byTarget = new TreeMap<>();
    byTarget.put("kind", kindApiServerFlags());
    byTarget.put("minikube", minikubeFlags("apiserver"));
    byTarget.put("k3s", k3sFlags("kube-apiserver-arg"));
    byTarget.put("local cluster", upShFlags());
    byTarget.forEach(
        (target, flags) -> {
          assertThat(flags.keySet())
              .as("%s API server flags", target)
              .isEqualTo(APISERVER_FLAGS.keySet());
          APISERVER_FLAGS.forEach(
              (name, value) ->
                  assertThat(flags.get(name)).as("%s --%s", target, name).endsWith(value));
        });
    assertThat(byTarget.get("minikube").get("audit-policy-file")).startsWith(MINIKUBE_DIR + "/");
    assertThat(byTarget.get("k3s").get("audit-policy-file")).startsWith(KIND_DIR + "/");

    String apiserverHelp = tools().help("kube-apiserver");
    String kubeletHelp = tools().help("kubelet");
    for (String name : APISERVER_FLAGS.keySet()) {
      assertThat(apiserverHelp).as("kube-apiserver --help").contains("--" + name + " ");
    }
    Map<String, String> kubelet = minikubeFlags("kubelet");
    assertThat(kubelet).containsOnlyKeys("config-dir");
    assertThat(kubelet.get("config-dir")).isEqualTo(MINIKUBE_DIR + "/kubelet.conf.d");
    assertThat(kubeletHelp).as("kubelet --help").contains("--config-dir ");
    assertThat(kubeletHelp).as("the kubelet's tracing has no flag").doesNotContain("--tracing");
  }

  @Test
  void theOperatorLinesMatchTheChart() throws IOException {
    Path out = generate("minikube", tmp.resolve("minikube"));
    String lines = Files.readString(out.resolve("operator.sh"));
    Matcher secretLine =
        Pattern.compile("create secret generic (\\S+) --from-file=(\\S+)").matcher(lines);
    assertThat(secretLine.find()).as(lines).isTrue();
    try (Stream<Path> files = Files.list(Path.of(secretLine.group(2)))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("tls.crt", "tls.key", "ca.crt");
    }
    Map<String, Object> sets = new LinkedHashMap<>();
    Matcher set = Pattern.compile("--set (\\S+)=(\\S+)").matcher(lines);
    while (set.find()) {
      sets.put(set.group(1), set.group(2).equals("true") ? (Object) true : set.group(2));
    }
    assertThat(sets)
        .containsKeys("evidence.enabled", "evidence.tlsSecret", "evidence.service.clusterIP");
    HelmChart.Rendering r =
        HelmChart.render("clustertour", "clustertour-system", Optional.empty(), sets);
    Service svc =
        r.all(Service.class).stream()
            .filter(s -> s.getMetadata().getName().endsWith("-evidence"))
            .findFirst()
            .orElseThrow();
    assertThat(svc.getSpec().getClusterIP()).isEqualTo("10.96.0.200");
    assertThat(svc.getSpec().getPorts())
        .extracting(p -> p.getName() + " " + p.getPort())
        .containsExactly("audit 443", "otlp-grpc 4317");
    Volume tls =
        r.one(Deployment.class).getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(v -> v.getSecret() != null)
            .findFirst()
            .orElseThrow();
    assertThat(tls.getSecret().getSecretName()).isEqualTo(secretLine.group(1));
    assertThat(tls.getSecret().getItems())
        .extracting(k -> k.getKey())
        .containsExactlyInAnyOrder("tls.crt", "tls.key", "ca.crt");
  }

  // --- generating and reading the configurations

  private static Path generate(String target, Path out, String... more) {
    return ConfigTools.generate(target, out, more);
  }

  /** The webhook kubeconfig with the node's paths replaced by where the files are here. */
  private Path onThisHost(Path out, String target) {
    String inNode = target.equals("minikube") ? MINIKUBE_DIR : KIND_DIR;
    return ConfigTools.webhookOnThisHost(
        out, inNode, tmp.resolve(out.getFileName() + "-webhook.kubeconfig"));
  }

  /** A copy of OUT's FILE with one string replaced: what a component should refuse. */
  private Path spoiled(Path out, String file, String from, String to) throws IOException {
    Path copy = tmp.resolve("spoiled-" + Path.of(file).getFileName());
    Files.writeString(copy, Files.readString(out.resolve(file)).replace(from, to));
    return copy;
  }

  private static X509Certificate cert(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** {@code --name=value} arguments of a command line, by name. */
  private static Map<String, String> flags(List<String> command) {
    Map<String, String> flags = new TreeMap<>();
    for (String arg : command) {
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        flags.put(arg.substring(2, eq), arg.substring(eq + 1));
      }
    }
    return flags;
  }

  private static Map<String, String> kindApiServerFlags() throws IOException {
    for (JsonNode patch :
        YAML.readTree(DEPLOY.resolve("kind-cluster.yaml").toFile())
            .at("/nodes/0/kubeadmConfigPatches")) {
      JsonNode doc = YAML.readTree(patch.asText());
      if (doc.path("kind").asText().equals("ClusterConfiguration")) {
        Map<String, String> flags = new TreeMap<>();
        doc.at("/apiServer/extraArgs")
            .fields()
            .forEachRemaining(e -> flags.put(e.getKey(), e.getValue().asText()));
        return flags;
      }
    }
    throw new AssertionError("no ClusterConfiguration patch");
  }

  /**
   * {@code --extra-config=COMPONENT.NAME=VALUE} of minikube-start.sh, with its $in_node expanded.
   */
  private static Map<String, String> minikubeFlags(String component) throws IOException {
    String script = Files.readString(DEPLOY.resolve("minikube-start.sh"));
    Matcher dir = Pattern.compile("(?m)^in_node=(\\S+)$").matcher(script);
    assertThat(dir.find()).isTrue();
    Map<String, String> flags = new TreeMap<>();
    Matcher m =
        Pattern.compile("--extra-config=" + component + "\\.([a-z-]+)=(\\S+)").matcher(script);
    while (m.find()) {
      flags.put(m.group(1), m.group(2).replace("$in_node", dir.group(1)));
    }
    return flags;
  }

  private static Map<String, String> k3sFlags(String key) throws IOException {
    JsonNode config = YAML.readTree(DEPLOY.resolve("k3s-config.yaml").toFile());
    assertThat(config.isObject()).as("k3s-config.yaml is one YAML map").isTrue();
    assertThat(config.fieldNames()).toIterable().containsExactly(key);
    Map<String, String> flags = new TreeMap<>();
    for (JsonNode arg : config.path(key)) {
      String[] kv = arg.asText().split("=", 2);
      flags.put(kv[0], kv[1]);
    }
    return flags;
  }

  /**
   * The audit and tracing flags the local cluster starts its API server with
   * (hack/local-cluster/up.sh).
   */
  private static Map<String, String> upShFlags() throws IOException {
    String up = Files.readString(Path.of("../hack/local-cluster/up.sh"));
    Map<String, String> flags = new TreeMap<>();
    Matcher m = Pattern.compile("--((?:audit|tracing)-[a-z-]+) (\\S+)").matcher(up);
    while (m.find()) {
      flags.put(m.group(1), m.group(2).replace("\"", "").replace("$state/", ""));
    }
    return flags;
  }

  // --- kind's merge of kubeadmConfigPatches (sigs.k8s.io/kind pkg/internal/patch)

  /**
   * kind's generated kubeadm documents for a node, with these patches merged as kind merges them.
   */
  private static List<ObjectNode> kindPatched(String version, JsonNode patches) throws IOException {
    String base =
        Files.readString(Path.of("src/test/resources/evidence/kind/kubeadm-" + version + ".yaml"));
    List<ObjectNode> docs = new ArrayList<>();
    for (String part : base.split("(?m)^---\\s*$")) {
      JsonNode doc = YAML.readTree(part);
      if (doc != null && doc.isObject()) {
        docs.add((ObjectNode) doc);
      }
    }
    for (JsonNode raw : patches) {
      ObjectNode patch = (ObjectNode) YAML.readTree(raw.asText());
      String kind = patch.path("kind").asText();
      String apiVersion = patch.path("apiVersion").asText("");
      List<ObjectNode> targets =
          docs.stream()
              .filter(d -> d.path("kind").asText().equals(kind))
              .filter(d -> apiVersion.isEmpty() || d.path("apiVersion").asText().equals(apiVersion))
              .toList();
      assertThat(targets).as("kind matches patch %s to one document", kind).hasSize(1);
      ObjectNode target = targets.get(0);
      if (target.path("apiVersion").asText().endsWith("/v1beta4")) {
        mergeArgLists(target, patch, apiVersion.isEmpty());
      }
      mergePatch(target, patch);
    }
    return docs;
  }

  /**
   * On a v1beta4 target kind merges extraArgs by name, converting a map patch (one that names no
   * apiVersion) to v1beta4's name/value list, and leaves the rest to the merge patch.
   */
  private static void mergeArgLists(ObjectNode target, ObjectNode patch, boolean convertMaps) {
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    List<String> handled = new ArrayList<>();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (f.getKey().equals("extraArgs") || f.getKey().equals("kubeletExtraArgs")) {
        if (!target.path(f.getKey()).isArray()) {
          target.putArray(f.getKey());
        }
        ArrayNode list = (ArrayNode) target.get(f.getKey());
        List<Map.Entry<String, JsonNode>> args = new ArrayList<>();
        if (f.getValue().isObject() && convertMaps) {
          f.getValue().fields().forEachRemaining(args::add);
        } else {
          f.getValue().forEach(a -> args.add(Map.entry(a.path("name").asText(), a.path("value"))));
        }
        for (Map.Entry<String, JsonNode> arg : args) {
          list.removeIf(a -> a.path("name").asText().equals(arg.getKey()));
          list.addObject().put("name", arg.getKey()).set("value", arg.getValue());
        }
        handled.add(f.getKey());
      } else if (f.getValue().isObject()) {
        if (!target.path(f.getKey()).isObject()) {
          target.putObject(f.getKey());
        }
        mergeArgLists((ObjectNode) target.get(f.getKey()), (ObjectNode) f.getValue(), convertMaps);
      }
    }
    handled.forEach(patch::remove);
  }

  /** RFC 7386 JSON merge patch: objects merge, null deletes, anything else replaces. */
  private static void mergePatch(ObjectNode target, JsonNode patch) {
    patch
        .fields()
        .forEachRemaining(
            f -> {
              if (f.getValue().isNull()) {
                target.remove(f.getKey());
              } else if (f.getValue().isObject() && target.path(f.getKey()).isObject()) {
                mergePatch((ObjectNode) target.get(f.getKey()), f.getValue());
              } else {
                target.set(f.getKey(), f.getValue());
              }
            });
  }

  private static ObjectNode doc(List<ObjectNode> docs, String kind) {
    return docs.stream()
        .filter(d -> d.path("kind").asText().equals(kind))
        .findFirst()
        .orElseThrow();
  }

  private static String yaml(List<ObjectNode> docs) throws IOException {
    StringBuilder out = new StringBuilder();
    for (ObjectNode d : docs) {
      out.append(YAML.writeValueAsString(d));
    }
    return out.toString();
  }
}
