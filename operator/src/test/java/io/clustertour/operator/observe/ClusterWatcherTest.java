package io.clustertour.operator.observe;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.testsupport.MockOperator;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The watcher's event sources run by JOSDK on the fabric8 mock server: recording, wake-ups and
 * cache reads. Wiring checks only; the real-cluster ITs are the evidence.
 */
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

  /** A tour on the mock server, so that JOSDK has a primary to wake. */
  ClusterTour createTour(String name) {
    ClusterTour tour = new ClusterTour();
    tour.setMetadata(new ObjectMetaBuilder().withName(name).build());
    return client.resource(tour).create();
  }

  static ServiceAccount defaultServiceAccount(String namespace) {
    return new ServiceAccountBuilder()
        .withNewMetadata()
        .withName("default")
        .withNamespace(namespace)
        .endMetadata()
        .build();
  }

  @Test
  void oneEventSourcePerKindAndNothingReadBeforeJosdkStartsThem() {
    ClusterWatcher watcher = new ClusterWatcher();
    List<String> kinds = new ArrayList<>();
    try (MockOperator operator =
        MockOperator.start(
            client,
            context -> {
              assertFalse(watcher.isWatching(), "not before JOSDK started the sources");
              List<EventSource<?, ClusterTour>> sources = watcher.eventSources(context);
              // the watches; the last source wakes tours for what the evidence receivers record
              sources.forEach(s -> kinds.add(s.resourceType().getSimpleName()));
              kinds.remove("Void");
              assertTrue(watcher.pods("tour-a").isEmpty());
              assertTrue(watcher.namespace("tour-a").isEmpty());
              return sources;
            })) {
      assertEquals(
          List.of(
              "Namespace",
              "Pod",
              "ReplicaSet",
              "Deployment",
              "Job",
              "Service",
              "EndpointSlice",
              "ServiceAccount",
              "ConfigMap",
              "Event"),
          kinds);
      assertTrue(watcher.isWatching(), "started and synced before JOSDK's start returned");
      assertThrows(IllegalStateException.class, () -> watcher.eventSources(null));
    }
  }

  @Test
  void recordsOnlyTrackedNamespacesAndServesCacheReads() {
    List<Double> lags = new CopyOnWriteArrayList<>();
    ClusterWatcher watcher = new ClusterWatcher();
    watcher.setLagListener(lags::add);
    try (MockOperator operator = MockOperator.start(client, watcher::eventSources)) {
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
      assertEquals(1, watcher.pods("tour-a").size());
      assertEquals(1, watcher.pods("other").size(), "cached, labelled, but not recorded");
      assertTrue(watcher.observations("other").isEmpty());
      assertTrue(watcher.eventsByComponent().get("replicaset-controller") >= 1);
      assertEquals(1, lags.size(), "one live event with a microsecond eventTime");
      assertEquals(0, watcher.handlerErrors());
    }
  }

  @Test
  void aNotificationWakesItsTourOnlyOnceRecordedEvenBeforeTheNamespaceReachedTheCache() {
    ClusterWatcher watcher = new ClusterWatcher();
    // what each reconcile found on the record of tour-ns when it ran
    List<List<String>> recordAtReconcile = new CopyOnWriteArrayList<>();
    try (MockOperator operator =
        MockOperator.start(
            client,
            watcher::eventSources,
            tour -> recordAtReconcile.add(reasons(watcher, "tour-ns")))) {
      createTour("demo");
      await().atMost(Duration.ofSeconds(20)).until(() -> operator.reconciled.contains("demo"));
      int before = operator.reconciled.size();
      watcher.track("tour-ns", "demo");

      // the serviceaccount-controller's write arrives on its own watch; the Namespace watch has not
      // delivered the namespace (here: never), so its label cannot be read from a cache
      client
          .serviceAccounts()
          .inNamespace("tour-ns")
          .resource(defaultServiceAccount("tour-ns"))
          .create();

      await().atMost(Duration.ofSeconds(20)).until(() -> operator.reconciled.size() > before);
      assertTrue(watcher.namespace("tour-ns").isEmpty());
      assertEquals("demo", operator.reconciled.get(before));
      assertEquals(
          List.of("ServiceAccountCreated"),
          recordAtReconcile.get(before),
          "the reconcile it caused found it recorded");
    }
  }

  @Test
  void onlyTrackedNamespacesMapToATourAndTheFirstTrackerKeepsIt() {
    ClusterWatcher watcher = new ClusterWatcher();
    watcher.track("tour-ns", "demo");
    watcher.track("tour-ns", "intruder"); // a second tour that will find the namespace taken
    Namespace namespace =
        new NamespaceBuilder().withNewMetadata().withName("tour-ns").endMetadata().build();

    assertEquals(Set.of(new ResourceID("demo")), watcher.toursOf(pod("tour-ns", "web-1")));
    assertEquals(Set.of(new ResourceID("demo")), watcher.toursOf(namespace));
    assertEquals(Set.of(), watcher.toursOf(pod("elsewhere", "web-1")));
    watcher.untrack("tour-ns");
    assertEquals(Set.of(), watcher.toursOf(pod("tour-ns", "web-1")));
  }

  @Test
  void trackingReplaysCachedObjectsAsRecovered() {
    ClusterWatcher watcher = new ClusterWatcher();
    try (MockOperator operator = MockOperator.start(client, watcher::eventSources)) {
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
    ClusterWatcher watcher = new ClusterWatcher();
    try (MockOperator operator = MockOperator.start(client, watcher::eventSources)) {
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
