package io.clustertour.operator.reconcile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.act.ActResult;
import io.clustertour.operator.act.Actions;
import io.clustertour.operator.act.OwnWrite;
import io.clustertour.operator.act.TourOwnership;
import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.compare.FlowCatalog;
import io.clustertour.operator.observe.ClusterWatcher;
import io.clustertour.operator.testsupport.MockOperator;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reconciler on its own event sources, started by JOSDK on the fabric8 mock server: a stop ends
 * on the same view it is graded on. Wiring only; the real-cluster ITs and make bench are the
 * evidence.
 */
@EnableKubernetesMockClient(crud = true)
class OneViewTest {
  KubernetesClient client;

  @Test
  void aNamespaceStopEndsWithEveryStepThatEndedItOnItsTimeline() {
    ClusterWatcher watcher = new ClusterWatcher();
    ClusterTourReconciler reconciler =
        new ClusterTourReconciler(
            client,
            watcher,
            new CreatingActions(client),
            new TourEventRecorder(client, "test") {
              @Override
              public void record(ClusterTour tour, TransitionEvents.TourEvent e, Instant now) {}
            },
            null,
            (tour, status, context) -> tour.setStatus(status),
            FlowCatalog.shipped(),
            // observations carry real receive times: the stop window must be real time too
            Clock.systemUTC());
    // the reconciler's own event sources, run by JOSDK; the passes below call it directly
    try (MockOperator operator = MockOperator.start(client, reconciler::prepareEventSources)) {
      ClusterTour tour = Fixtures.tour(Fixtures.namespace("tour-ns"));
      reconciler.reconcile(tour, null);
      // what the namespace controllers do right after the namespace exists
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
      client
          .configMaps()
          .inNamespace("tour-ns")
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName("kube-root-ca.crt")
                  .withNamespace("tour-ns")
                  .endMetadata()
                  .build())
          .create();

      // each pass stands for a wake-up; the caches may run ahead of the record in between
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () -> {
                reconciler.reconcile(tour, null);
                return "Completed".equals(tour.getStatus().stops.get(0).state);
              });

      StopStatus stop = tour.getStatus().stops.get(0);
      List<String> reasons = stop.timeline.stream().map(e -> e.reason).toList();
      assertTrue(
          reasons.containsAll(
              List.of("NamespaceCreated", "ServiceAccountCreated", "ConfigMapCreated")),
          reasons.toString());
    }
  }

  /** Creates the namespace on the mock server as the act package would, labelled and Active. */
  static final class CreatingActions extends Actions {
    private final KubernetesClient client;

    CreatingActions(KubernetesClient client) {
      super(client);
      this.client = client;
    }

    @Override
    public ActResult createNamespace(ClusterTour tour, String name) {
      Namespace created =
          client
              .namespaces()
              .resource(
                  new NamespaceBuilder()
                      .withNewMetadata()
                      .withName(name)
                      .withLabels(TourOwnership.tourLabels(tour.getMetadata().getName()))
                      .endMetadata()
                      .withNewStatus()
                      .withPhase("Active")
                      .endStatus()
                      .build())
              .create();
      return ActResult.wrote(
          "created Namespace/" + name,
          new OwnWrite("create", null, created, java.time.Instant.now(), java.time.Instant.now()));
    }
  }
}
