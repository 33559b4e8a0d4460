package io.clustertour.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.clustertour.operator.testsupport.RealCluster;
import io.clustertour.operator.testsupport.SmokeScenario;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

/** The cluster the ITs use is real: every control-plane component acts on a Deployment. */
class ClusterSmokeIT {

  @Test
  void realComponentsCreateScheduleAndRunADeployment() {
    KubernetesClient client = RealCluster.client();
    SmokeScenario.run(client, "clustertour-smoke-" + System.currentTimeMillis() % 100000);
  }

  @Test
  void nodesAreReadyAndReportAContainerRuntime() {
    KubernetesClient client = RealCluster.client();
    assertThat(client.nodes().list().getItems())
        .isNotEmpty()
        .anySatisfy(
            node -> {
              assertThat(ready(node)).isTrue();
              assertThat(node.getStatus().getNodeInfo().getContainerRuntimeVersion())
                  .matches("[a-z-]+://.+");
              assertThat(node.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.");
            });
  }

  private static boolean ready(Node node) {
    return node.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
