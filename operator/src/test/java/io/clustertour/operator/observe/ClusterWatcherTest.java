package io.clustertour.operator.observe;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.ClusterTour;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Narrow informer wiring check on the fabric8 mock server; never evidence of real behaviour. */
@EnableKubernetesMockClient(crud = true)
class ClusterWatcherTest {
  KubernetesClient client;

  static Pod pod(String namespace, String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .addToLabels(ClusterTour.TOUR_LABEL, "demo")
        .addNewOwnerReference()
        .withApiVersion("apps/v1")
        .withKind("ReplicaSet")
        .withName("web-5d4f")
        .withUid("rs-uid")
        .withController(true)
        .endOwnerReference()
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("web")
        .withImage("busybox:1.36")
        .endContainer()
        .endSpec()
        .build();
  }

  static List<String> reasons(ClusterWatcher watcher, String namespace) {
    return watcher.observations(namespace).stream().map(Observation::reason).toList();
  }

  @Test
  void recordsOnlyTrackedNamespacesAndServesCacheReads() {
    List<String> notified = new CopyOnWriteArrayList<>();
    List<Double> lags = new CopyOnWriteArrayList<>();
    try (ClusterWatcher watcher = new ClusterWatcher(client, notified::add)) {
      watcher.setLagListener(lags::add);
      watcher.start(Duration.ofSeconds(30));
      watcher.track("tour-a", "demo");

      client.pods().inNamespace("tour-a").resource(pod("tour-a", "web-1")).create();
      client.pods().inNamespace("other").resource(pod("other", "web-1")).create();
      client
          .v1()
          .events()
          .inNamespace("tour-a")
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName("web-1.1")
                  .withNamespace("tour-a")
                  .endMetadata()
                  .withReason("Scheduled")
                  .withReportingComponent("default-scheduler")
                  .withEventTime(new MicroTime("2025-01-01T10:00:00.000001Z"))
                  .withNewInvolvedObject()
                  .withKind("Pod")
                  .withName("web-1")
                  .endInvolvedObject()
                  .build())
          .create();

      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> reasons(watcher, "tour-a").containsAll(List.of("PodCreated", "Scheduled")));
      assertTrue(watcher.isWatching());
      assertEquals(1, watcher.pods("tour-a").size());
      assertTrue(watcher.observations("other").isEmpty());
      assertTrue(notified.contains("tour-a"));
      assertFalse(notified.contains("other"));
      assertTrue(watcher.eventsByComponent().get("replicaset-controller") >= 1);
      assertEquals(1, lags.size(), "one live event with a microsecond eventTime");
      assertEquals(0, watcher.handlerErrors());
    }
  }

  @Test
  void trackingReplaysCachedObjectsAsRecovered() {
    try (ClusterWatcher watcher = new ClusterWatcher(client, ns -> {})) {
      watcher.start(Duration.ofSeconds(30));
      client.pods().inNamespace("tour-b").resource(pod("tour-b", "web-2")).create();
      await().atMost(Duration.ofSeconds(20)).until(() -> watcher.pods("tour-b").size() == 1);
      assertTrue(watcher.observations("tour-b").isEmpty(), "not tracked yet");

      watcher.track("tour-b", "demo");

      List<Observation> replayed = watcher.observations("tour-b");
      assertEquals(List.of("PodCreated"), replayed.stream().map(Observation::reason).toList());
      assertTrue(replayed.get(0).recovered());
      watcher.untrack("tour-b");
      assertTrue(watcher.observations("tour-b").isEmpty());
    }
  }

  @Test
  void aCacheReadIsRecordedOnceTheRecorderHandledThatVersionAndEveryDeletion() {
    try (ClusterWatcher watcher = new ClusterWatcher(client, ns -> {})) {
      watcher.start(Duration.ofSeconds(30));
      watcher.track("tour-c", "demo");
      Pod created = client.pods().inNamespace("tour-c").resource(pod("tour-c", "web-3")).create();

      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> watcher.hasRecorded("tour-c", watcher.pods("tour-c")));
      assertEquals(1, watcher.pods("tour-c").size());
      Pod newer =
          new PodBuilder(created)
              .editMetadata()
              .withResourceVersion(created.getMetadata().getResourceVersion() + "0")
              .endMetadata()
              .build();
      assertFalse(
          watcher.hasRecorded("tour-c", List.of(newer)), "a version not handled yet is not");
      assertTrue(watcher.hasRecorded("untracked", List.of(newer)), "nothing to wait for");

      client.pods().inNamespace("tour-c").withName("web-3").delete();
      await().atMost(Duration.ofSeconds(20)).until(() -> watcher.pods("tour-c").isEmpty());
      await().atMost(Duration.ofSeconds(20)).until(() -> watcher.hasRecorded("tour-c", List.of()));
      assertTrue(reasons(watcher, "tour-c").contains("PodDeleted"));
    }
  }
}
