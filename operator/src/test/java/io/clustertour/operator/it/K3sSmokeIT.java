package io.clustertour.operator.it;

import io.clustertour.operator.testsupport.SmokeScenario;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/** The same smoke scenario on a throw-away k3s cluster, for machines that run Docker. */
@Testcontainers(disabledWithoutDocker = true)
class K3sSmokeIT {
  @Container
  static final K3sContainer K3S =
      new K3sContainer(DockerImageName.parse("rancher/k3s:v1.33.5-k3s1"));

  @Test
  void realComponentsCreateScheduleAndRunADeployment() {
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(K3S.getKubeConfigYaml()))
            .build()) {
      SmokeScenario.run(client, "clustertour-smoke");
    }
  }
}
