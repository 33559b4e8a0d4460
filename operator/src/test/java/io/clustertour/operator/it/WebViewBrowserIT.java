package io.clustertour.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.clustertour.operator.testsupport.Browser;
import io.clustertour.operator.testsupport.Crds;
import io.clustertour.operator.testsupport.LocalEvidence;
import io.clustertour.operator.testsupport.OperatorProcess;
import io.clustertour.operator.testsupport.RealCluster;
import io.clustertour.operator.testsupport.Tours;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The web view in a real browser (Debian's Chromium) while a real tour runs on the cluster: both
 * sequence diagrams per stop, arrows that open their evidence, and the page following the tour
 * without a reload. Its screenshots are the ones `make docs-screenshots` copies into docs/images.
 */
class WebViewBrowserIT {
  private static final String NAME = "browser-tour";
  private static final String NAMESPACE = "tour-browser";
  private static final String TOUR =
      """
      apiVersion: clustertour.io/v1alpha1
      kind: ClusterTour
      metadata: {name: %s}
      spec:
        stops:
        - {name: inventory, type: Inventory, inventory: {}}
        - {name: namespace, type: Namespace, namespace: {name: %s}}
        - name: web
          type: Deployment
          deployment: {name: web, namespace: %s, image: busybox:1.36,
                       imagePullPolicy: IfNotPresent, replicas: 3, command: [httpd, -f, -p, "8080"]}
      """
          .formatted(NAME, NAMESPACE, NAMESPACE);

  @Test
  void aLearnerSeesBothDiagramsOpensTheEvidenceAndWatchesTheTourLive() {
    KubernetesClient client = RealCluster.client();
    Crds.install(client);
    Path kubeconfig = RealCluster.kubeconfigPath().orElseThrow();
    Browser.Result result;
    try (OperatorProcess operator = OperatorProcess.start(LocalEvidence.available(kubeconfig))) {
      // a tour left by an interrupted run goes first, with its namespace
      Tours.deleteAndAwaitCleanup(client, NAME, NAMESPACE);
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> Tours.api(client).withName(NAME).get() == null);
      Tours.api(client)
          .load(new ByteArrayInputStream(TOUR.getBytes(StandardCharsets.UTF_8)))
          .create();
      result =
          Browser.check(
              List.of(operator.url("/tours/" + NAME)), Path.of("target/browser/live"), true);
      Tours.deleteAndAwaitCleanup(client, NAME, NAMESPACE);
    }
    assertThat(result.exit()).as(result.log()).isZero();
    JsonNode page = result.pages().get(0);
    assertThat(page.get("stops")).hasSize(3);
    JsonNode live = page.get("live");
    assertThat(live.get("observedArrowsAfter").asInt())
        .as("arrows appeared while the tour ran, without a reload")
        .isGreaterThan(live.get("observedArrowsBefore").asInt());
    JsonNode web = page.get("stops").get(2);
    assertThat(web.get("myths").asInt()).as("the Deployment's myth arrows").isGreaterThan(0);
    assertThat(web.get("observed").asInt()).isGreaterThan(web.get("documented").asInt());
    assertThat(page.get("myth").get("panel").asText()).contains("Contradicted");
    assertThat(page.get("myth").get("realArrow").asText()).contains("-o-");
    assertThat(Path.of("target/browser/live/stop-3.png")).exists();
  }
}
