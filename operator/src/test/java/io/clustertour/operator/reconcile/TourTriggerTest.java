package io.clustertour.operator.reconcile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.observe.ClusterWatcher;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Namespace → tour mapping of watch notifications, on the fabric8 mock server. */
@EnableKubernetesMockClient(crud = true)
class TourTriggerTest {
  KubernetesClient client;
  final List<ResourceID> woken = new CopyOnWriteArrayList<>();
  final TourTrigger trigger = new TourTrigger();
  ClusterWatcher watcher;

  @BeforeEach
  void start() {
    watcher = new ClusterWatcher(client, trigger);
    trigger.mapThrough(watcher);
    trigger.eventSource().setEventHandler(event -> woken.add(event.getRelatedCustomResourceID()));
    trigger.eventSource().start();
    watcher.start(Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() {
    watcher.close();
  }

  @Test
  void aNotificationBeforeTheNamespaceReachedTheCacheStillWakesItsTour() {
    watcher.track("tour-ns", "demo");
    // the serviceaccount-controller's write arrives on its own watch; the Namespace watch has not
    // delivered the namespace (here: never), so its label cannot be read from the cache
    client
        .serviceAccounts()
        .inNamespace("tour-ns")
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName("default")
                .withNamespace("tour-ns")
                .endMetadata()
                .build())
        .create();

    await().atMost(Duration.ofSeconds(20)).until(() -> !woken.isEmpty());
    assertTrue(watcher.namespace("tour-ns").isEmpty());
    assertEquals(new ResourceID("demo"), woken.get(0));
  }

  @Test
  void onlyTrackedNamespacesWakeATourAndTheFirstTrackerKeepsIt() {
    watcher.track("tour-ns", "demo");
    watcher.track("tour-ns", "intruder"); // a second tour that will find the namespace taken

    trigger.accept("tour-ns");
    trigger.accept("elsewhere");
    watcher.untrack("tour-ns");
    trigger.accept("tour-ns");

    assertEquals(List.of(new ResourceID("demo")), woken);
  }
}
