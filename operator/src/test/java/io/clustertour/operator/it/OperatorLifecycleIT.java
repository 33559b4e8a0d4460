package io.clustertour.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.StopState;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.testsupport.Crds;
import io.clustertour.operator.testsupport.OperatorProcess;
import io.clustertour.operator.testsupport.RealCluster;
import io.clustertour.operator.testsupport.Tours;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator survives its own crash mid-tour and never touches what it does not own. */
class OperatorLifecycleIT {
  private static KubernetesClient client;

  @BeforeAll
  static void installCrd() {
    client = RealCluster.client();
    Crds.install(client);
  }

  @Test
  void tourFinishesAfterTheOperatorIsKilledMidTour() {
    String yaml =
        """
        apiVersion: clustertour.io/v1alpha1
        kind: ClusterTour
        metadata: {name: restart-tour}
        spec:
          stops:
          - {name: namespace, type: Namespace, namespace: {name: tour-restart}}
          - name: web
            type: Deployment
            deployment: {name: web, namespace: tour-restart, image: busybox:1.36,
                         imagePullPolicy: IfNotPresent, replicas: 3, command: [httpd, -f, -p, "8080"]}
          - {name: scale-down, type: Scale, target: web, scale: {replicas: 1}}
        """;
    OperatorProcess first = OperatorProcess.start();
    client.resource(yaml).create();
    await("the Deployment stop is running")
        .atMost(Duration.ofMinutes(2))
        .until(() -> stateOf("restart-tour", "web") == StopState.Running);
    first.kill();

    try (OperatorProcess second = OperatorProcess.start()) {
      ClusterTour tour = Tours.awaitCompleted(client, "restart-tour", Duration.ofMinutes(4));
      StopStatus web = Tours.stop(tour, "web");
      assertThat(web.state).isEqualTo(StopState.Completed);
      Set<String> seen =
          web.timeline.stream().map(e -> e.component + "/" + e.reason).collect(Collectors.toSet());
      assertThat(seen)
          .as("events from before and after the crash are all in the timeline")
          .contains(
              "deployment-controller/ScalingReplicaSet",
              "replicaset-controller/SuccessfulCreate",
              "default-scheduler/Scheduled",
              "kubelet/Started");
      assertThat(Tours.stop(tour, "scale-down").state).isEqualTo(StopState.Completed);
      Tours.deleteAndAwaitCleanup(client, "restart-tour", "tour-restart");
    }
  }

  @Test
  void preExistingNamespaceIsNeverTouched() {
    Namespace mine =
        client
            .namespaces()
            .resource(
                new NamespaceBuilder()
                    .withNewMetadata()
                    .withName("learner-own")
                    .withLabels(Map.of("owner", "learner"))
                    .endMetadata()
                    .build())
            .create();
    client
        .configMaps()
        .inNamespace("learner-own")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("notes")
                .endMetadata()
                .withData(Map.of("keep", "me"))
                .build())
        .create();
    String yaml =
        """
        apiVersion: clustertour.io/v1alpha1
        kind: ClusterTour
        metadata: {name: foreign-namespace}
        spec:
          stops:
          - {name: namespace, type: Namespace, namespace: {name: learner-own}}
        """;
    try (OperatorProcess operator = OperatorProcess.start()) {
      client.resource(yaml).create();
      ClusterTour tour = Tours.awaitCompleted(client, "foreign-namespace", Duration.ofMinutes(2));
      StopStatus stop = Tours.stop(tour, "namespace");
      assertThat(stop.state).isEqualTo(StopState.Failed);
      assertThat(stop.reason).isEqualTo("NamespaceNotOwned");

      Tours.api(client).withName("foreign-namespace").delete();
      await("tour deleted")
          .atMost(Duration.ofMinutes(1))
          .until(() -> Tours.api(client).withName("foreign-namespace").get() == null);
      Namespace after = client.namespaces().withName("learner-own").get();
      assertThat(after).isNotNull();
      assertThat(after.getMetadata().getDeletionTimestamp()).isNull();
      assertThat(after.getMetadata().getLabels()).isEqualTo(mine.getMetadata().getLabels());
      assertThat(after.getMetadata().getOwnerReferences()).isNullOrEmpty();
      assertThat(client.configMaps().inNamespace("learner-own").withName("notes").get().getData())
          .containsEntry("keep", "me");
    } finally {
      client.namespaces().withName("learner-own").delete();
    }
  }

  private static StopState stateOf(String tour, String stop) {
    ClusterTour t = Tours.api(client).withName(tour).get();
    if (t == null || t.getStatus() == null) {
      return null;
    }
    return t.getStatus().stops.stream()
        .filter(s -> stop.equals(s.name))
        .map(s -> s.state)
        .findFirst()
        .orElse(null);
  }
}
