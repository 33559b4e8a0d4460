package io.clustertour.operator.reconcile;

import static io.clustertour.operator.reconcile.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.act.ActResult;
import io.clustertour.operator.act.Actions;
import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.ClusterTourStatus;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.compare.FlowCatalog;
import io.clustertour.operator.observe.ClusterWatcher;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.rate.LinearRateLimiter;
import io.javaoperatorsdk.operator.processing.event.rate.RateLimited;
import io.javaoperatorsdk.operator.processing.event.rate.RateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reconcile method's orchestration with hand-written fakes at its edges: a watcher whose event
 * sources JOSDK never started (empty caches), recorded actions and Events. Nothing here talks to a
 * cluster; the real-cluster ITs cover that.
 */
class ClusterTourReconcilerTest {
  final KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.empty()).build();
  final ClusterWatcher watcher = new ClusterWatcher();
  final List<String> actions = new ArrayList<>();
  final List<String> events = new ArrayList<>();
  final List<ClusterTourStatus> written = new ArrayList<>();
  final List<String> order = new ArrayList<>();
  final TourProgressTest.MutableClock clock = new TourProgressTest.MutableClock(T0);

  final ClusterTourReconciler reconciler =
      new ClusterTourReconciler(
          client,
          watcher,
          new RecordingActions(),
          new RecordingEvents(),
          null,
          (tour, status, context) -> {
            written.add(status);
            order.add("status");
            tour.setStatus(status); // what JOSDK's overlay cache hands the next reconcile
          },
          FlowCatalog.shipped(),
          clock);

  final Stop ns = Fixtures.namespace("tour-ns");
  final Stop web = Fixtures.deployment("web", "tour-ns", 1);

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void firstReconcileStartsTheFirstStopWritesStatusAndAnnouncesIt() {
    ClusterTour tour = Fixtures.tour(ns, web);

    UpdateControl<ClusterTour> control = reconciler.reconcile(tour, null);

    assertEquals(1, written.size(), "written once, through the caching writer");
    assertTrue(control.isNoUpdate(), "not again through UpdateControl.patchStatus");
    assertEquals("Running", tour.getStatus().state);
    assertEquals("0/2", tour.getStatus().stopsDone);
    assertEquals(1L, tour.getStatus().observedGeneration);
    assertEquals(List.of("namespace tour-ns"), actions);
    assertEquals(List.of("ns-tour-ns/StopStarted"), events);
    assertEquals(List.of("status", "event"), order, "the status is not kept waiting for Events");
    assertTrue(watcher.isTracked("tour-ns"), "tracked before it was created");
    assertEquals(
        java.util.Optional.of(tour.getMetadata().getName()),
        watcher.trackedBy("tour-ns"),
        "its notifications wake this tour");
    assertEquals(
        Duration.ofSeconds(120).plus(ClusterTourReconciler.DEADLINE_SLACK).toMillis(),
        control.getScheduleDelay().orElseThrow(),
        "looked at again at the running stop's deadline, not periodically");
  }

  @Test
  void nothingNewMeansNoStatusWriteAndNoEvent() {
    ClusterTour tour = Fixtures.tour(ns, web);
    reconciler.reconcile(tour, null);
    events.clear();
    clock.set(T0.plusSeconds(5));

    UpdateControl<ClusterTour> control = reconciler.reconcile(tour, null);

    assertTrue(control.isNoUpdate());
    assertEquals(1, written.size(), "the status did not change: not written");
    assertTrue(events.isEmpty());
    assertEquals(List.of("namespace tour-ns"), actions, "the running stop is not acted on again");
    assertEquals(
        Duration.ofSeconds(115).plus(ClusterTourReconciler.DEADLINE_SLACK).toMillis(),
        control.getScheduleDelay().orElseThrow());
  }

  @Test
  void userFixableFailureIsWrittenToTheStopAndAnnouncedAsWarning() {
    failNamespace = true;
    ClusterTour tour = Fixtures.tour(ns, web);

    reconciler.reconcile(tour, null);

    assertEquals("Failed", tour.getStatus().state);
    assertEquals(
        List.of(
            "ns-tour-ns/StopStarted", "ns-tour-ns/StopFailed", "web/StopStarted", "web/StopFailed"),
        events);
    assertTrue(!watcher.isTracked("tour-ns"), "a namespace that is not ours is not recorded");
    Condition ready = condition(tour, "Ready");
    assertEquals("False", ready.getStatus());
    assertEquals("StopFailed", ready.getReason());
  }

  @Test
  void anErrorShowsAsReadyFalseOnce() {
    ClusterTour tour = Fixtures.tour(ns, web);
    reconciler.reconcile(tour, null);

    ErrorStatusUpdateControl<ClusterTour> first =
        reconciler.updateErrorStatus(tour, null, new IllegalStateException("API server gone"));
    ErrorStatusUpdateControl<ClusterTour> again =
        reconciler.updateErrorStatus(tour, null, new IllegalStateException("API server gone"));

    assertTrue(first.getResource().isPresent());
    assertEquals("ReconcileError", condition(tour, "Ready").getReason());
    assertTrue(condition(tour, "Ready").getMessage().contains("API server gone"));
    assertTrue(again.getResource().isEmpty(), "unchanged: nothing to write");
  }

  @Test
  void aNotificationRightAfterAReconcileWaitsAFractionOfASecondNotASecond()
      throws InterruptedException {
    LinearRateLimiter limiter = new LinearRateLimiter();
    limiter.initFrom(ClusterTourReconciler.class.getAnnotation(RateLimited.class));
    RateLimiter.RateLimitState state = limiter.initState();
    assertTrue(limiter.isLimited(state).isEmpty(), "the first notification reconciles at once");
    assertTrue(limiter.isLimited(state).isPresent(), "one right after it is coalesced");

    Thread.sleep(ClusterTourReconciler.COALESCE_MILLIS + 50);

    assertTrue(limiter.isLimited(state).isEmpty(), "after the short window it reconciles again");
    assertTrue(limiter.getRefreshPeriod().compareTo(Duration.ofMillis(250)) < 0);
  }

  static Condition condition(ClusterTour tour, String type) {
    return tour.getStatus().conditions.stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow();
  }

  private boolean failNamespace;

  /** Records what would be done instead of doing it. */
  final class RecordingActions extends Actions {
    RecordingActions() {
      super(client);
    }

    @Override
    public ActResult createNamespace(ClusterTour tour, String name) {
      actions.add("namespace " + name);
      return failNamespace
          ? ActResult.failed("NamespaceNotOwned", "namespace " + name + " is someone else's")
          : ActResult.done("created Namespace/" + name);
    }

    @Override
    public ActResult createDeployment(
        ClusterTour tour, io.clustertour.operator.api.WorkloadStop w) {
      actions.add("deployment " + w.name);
      return ActResult.done("created Deployment/" + w.name);
    }
  }

  /** Keeps the Events instead of writing them. */
  final class RecordingEvents extends TourEventRecorder {
    RecordingEvents() {
      super(client, "test");
    }

    @Override
    public void record(ClusterTour tour, TransitionEvents.TourEvent event, Instant now) {
      events.add(event.stop() + "/" + event.reason());
      order.add("event");
    }
  }
}
