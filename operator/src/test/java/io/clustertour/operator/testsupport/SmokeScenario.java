package io.clustertour.operator.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Proves a cluster is real: a 2-replica Deployment makes every control-plane component speak.
 *
 * <p>Shared by the local-cluster IT and the k3s IT so both check exactly the same things.
 */
public final class SmokeScenario {
  private SmokeScenario() {}

  /** Runs the scenario in a fresh namespace and deletes it afterwards. */
  public static void run(KubernetesClient client, String namespace) {
    run(client, namespace, Duration.ofSeconds(120));
  }

  /** The scenario, allowing each of its steps (events, pods Ready) up to {@code limit}. */
  public static void run(KubernetesClient client, String namespace, Duration limit) {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    try {
      createDeployment(client, namespace);
      assertComponentsActed(client, namespace, limit);
      await("both pods Ready")
          .atMost(limit)
          .untilAsserted(
              () ->
                  assertThat(client.pods().inNamespace(namespace).list().getItems())
                      .hasSize(2)
                      .allMatch(SmokeScenario::ready));
    } finally {
      client.namespaces().withName(namespace).delete();
    }
    await("namespace controller and garbage collector remove everything")
        .atMost(Duration.ofSeconds(120))
        .until(() -> client.namespaces().withName(namespace).get() == null);
  }

  private static void createDeployment(KubernetesClient client, String namespace) {
    Map<String, String> labels = Map.of("app", "web");
    client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("web")
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withNewSelector()
                .withMatchLabels(labels)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withTerminationGracePeriodSeconds(2L)
                .addNewContainer()
                .withName("web")
                .withImage("busybox:1.36")
                .withImagePullPolicy("IfNotPresent")
                .withCommand("httpd", "-f", "-p", "8080")
                .withNewReadinessProbe()
                .withNewTcpSocket()
                .withNewPort(8080)
                .endTcpSocket()
                .withPeriodSeconds(1)
                .endReadinessProbe()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
  }

  private static void assertComponentsActed(
      KubernetesClient client, String namespace, Duration limit) {
    Set<String> expected =
        Set.of(
            "deployment-controller/ScalingReplicaSet",
            "replicaset-controller/SuccessfulCreate",
            "default-scheduler/Scheduled",
            "kubelet/Pulled",
            "kubelet/Created",
            "kubelet/Started");
    await("events from deployment-controller, replicaset-controller, scheduler and kubelet")
        .atMost(limit)
        .untilAsserted(() -> assertThat(componentReasons(client, namespace)).containsAll(expected));
  }

  /** component/reason of every Event in the namespace; component as kubectl shows it. */
  public static Set<String> componentReasons(KubernetesClient client, String namespace) {
    List<Event> events = client.v1().events().inNamespace(namespace).list().getItems();
    return events.stream().map(e -> component(e) + "/" + e.getReason()).collect(Collectors.toSet());
  }

  private static String component(Event e) {
    if (e.getReportingComponent() != null && !e.getReportingComponent().isEmpty()) {
      return e.getReportingComponent();
    }
    return e.getSource() == null ? "" : e.getSource().getComponent();
  }

  private static boolean ready(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
