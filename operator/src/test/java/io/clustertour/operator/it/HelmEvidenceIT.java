package io.clustertour.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clustertour.operator.testsupport.ConfigTools;
import io.clustertour.operator.testsupport.HelmChart;
import io.clustertour.operator.testsupport.HelmReleases;
import io.clustertour.operator.testsupport.LocalEvidence;
import io.clustertour.operator.testsupport.OperatorImage;
import io.clustertour.operator.testsupport.RealCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The chart's evidence receivers reached the way a kind or minikube API server reaches them: from
 * the node's host network, through kube-proxy, at the fixed ClusterIP hack/evidence-config.sh put
 * into the webhook kubeconfig and the tracing configuration, with the certificates it made. The
 * sender is the API server's own webhook client and OTLP exporter (evidence-check --send). Needs
 * the project's local cluster, whose node is this host; elsewhere it is skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelmEvidenceIT {
  static final String NAMESPACE = "clustertour-helm-evidence";
  static final String RELEASE = "evidence";
  static final String SECRET = "clustertour-evidence";

  /** In the local cluster's service CIDR, in the band the allocator leaves to fixed addresses. */
  static final String CLUSTER_IP = "10.96.0.210";

  private KubernetesClient client;
  private Path kubeconfig;
  private ConfigTools tools;
  private Path tmp;
  private Path config;
  private String notes;

  @BeforeAll
  void install() throws IOException {
    client = RealCluster.client();
    kubeconfig = RealCluster.kubeconfigPath().orElseThrow();
    Assumptions.assumeTrue(
        LocalEvidence.available(kubeconfig),
        "needs the project's local cluster: this host must be its node to dial a ClusterIP");
    tools = ConfigTools.require();
    tmp =
        Files.createTempDirectory(Files.createDirectories(Path.of("target")), "helm-evidence")
            .toAbsolutePath();
    config = generate("kind", tmp.resolve("kind"));
    OperatorImage.Ref image = OperatorImage.provide(kubeconfig);
    removeLeftovers();
    client
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(NAMESPACE)
                .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                .endMetadata()
                .build())
        .create();
    SecretBuilder secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(SECRET)
            .withNamespace(NAMESPACE)
            .endMetadata();
    for (String key : List.of("tls.crt", "tls.key", "ca.crt")) {
      secret.addToData(
          key,
          Base64.getEncoder()
              .encodeToString(Files.readAllBytes(config.resolve("operator/" + key))));
    }
    client.resource(secret.build()).create();
    try {
      notes =
          HelmChart.helm()
              .install()
              .withName(RELEASE)
              .withNamespace(NAMESPACE)
              .withKubeConfig(kubeconfig)
              .set("image.repository", image.repository())
              .set("image.tag", image.tag())
              .set("image.pullPolicy", image.pullPolicy())
              .set("evidence.enabled", true)
              .set("evidence.tlsSecret", SECRET)
              .set("evidence.service.clusterIP", CLUSTER_IP)
              .waitReady()
              .withTimeout(300)
              .call()
              .getOutput();
    } catch (RuntimeException e) {
      throw new AssertionError("install failed: " + e.getMessage() + "\n" + diagnosis(), e);
    }
  }

  /** The pods' states, the namespace's events and the operator's log, for a failed install. */
  private String diagnosis() {
    StringBuilder out = new StringBuilder();
    client
        .pods()
        .inNamespace(NAMESPACE)
        .list()
        .getItems()
        .forEach(
            p ->
                out.append("pod ")
                    .append(p.getMetadata().getName())
                    .append(": ")
                    .append(p.getStatus())
                    .append('\n'));
    client
        .v1()
        .events()
        .inNamespace(NAMESPACE)
        .list()
        .getItems()
        .forEach(
            e ->
                out.append("event ")
                    .append(e.getReason())
                    .append(": ")
                    .append(e.getMessage())
                    .append('\n'));
    return out.append(operatorLog()).toString();
  }

  @AfterAll
  void cleanUp() {
    if (client != null && tools != null) {
      removeLeftovers();
    }
  }

  @Test
  void theApiServersWebhookClientIsAcceptedThroughTheClusterIp() throws IOException {
    Path webhook = onThisHost(config);
    assertThat(Files.readString(webhook)).contains("https://" + CLUSTER_IP + ":443/audit");
    // kube-proxy programs the Service a moment after the pod is ready
    ConfigTools.Result sent =
        untilSent("an audit batch through " + CLUSTER_IP, "audit-webhook", webhook);
    assertThat(sent.output()).contains("one audit batch accepted");
    assertThat(operatorLog()).contains("Audit webhook listening on").contains(":9443/audit");
  }

  @Test
  void theInstallNotesNameTheAddressesTheFilesMustHold() {
    assertThat(notes)
        .contains("https://" + CLUSTER_IP + ":443/audit")
        .contains(CLUSTER_IP + ":4317")
        .contains("hack/evidence-config.sh");
  }

  @Test
  void aClientCertificateOfAnotherCaIsRefused() throws IOException {
    Path stranger = generate("kind", tmp.resolve("stranger"));
    ConfigTools.Result refused =
        tools.evidenceCheck("audit-webhook", onThisHost(stranger).toString(), "--send");
    assertThat(refused.exit()).as(refused.output()).isNotZero();
  }

  @Test
  void theApiServersTraceExporterDeliversThroughTheClusterIp() {
    Path tracing = config.resolve("node/apiserver-tracing.yaml");
    ConfigTools.Result sent =
        untilSent("a span through " + CLUSTER_IP + ":4317", "tracing", tracing);
    assertThat(sent.output()).contains("endpoint " + CLUSTER_IP + ":4317", "one span exported");
    assertThat(operatorLog()).contains("OTLP/gRPC trace receiver listening on").contains(":4317]");
  }

  /** evidence-check KIND FILE --send until it succeeds (at most 30 s), with its last output. */
  private ConfigTools.Result untilSent(String what, String kind, Path file) {
    AtomicReference<ConfigTools.Result> last = new AtomicReference<>();
    try {
      await(what)
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                last.set(tools.evidenceCheck(kind, file.toString(), "--send"));
                return last.get().exit() == 0;
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(what + " failed; last attempt:\n" + last.get().output(), e);
    }
    return last.get();
  }

  private Path generate(String target, Path out) {
    return ConfigTools.generate(target, out, "--ip", CLUSTER_IP);
  }

  /** The webhook kubeconfig with the node's paths replaced by where the files are on this host. */
  private Path onThisHost(Path out) {
    return ConfigTools.webhookOnThisHost(
        out, "/etc/clustertour", tmp.resolve(out.getFileName() + "-webhook.kubeconfig"));
  }

  private String operatorLog() {
    return HelmReleases.operatorLog(client, RELEASE, NAMESPACE);
  }

  private void removeLeftovers() {
    HelmReleases.remove(client, kubeconfig, RELEASE, NAMESPACE);
  }
}
