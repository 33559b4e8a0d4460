package io.clustertour.operator.reconcile;

import static io.clustertour.operator.reconcile.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.ClusterTourStatus;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusBookkeepingTest {
  final Stop ns = Fixtures.namespace("tour-ns");
  final Stop web = Fixtures.deployment("web", "tour-ns", 1);

  @Test
  void unchangedStatusIsNotWrittenAgain() {
    ClusterTourStatus stored = TransitionEventsTest.with("Completed", "Running");
    TourSummary.apply(stored, 1L, T0);
    ClusterTourStatus next = StatusAligner.copy(stored);
    TourSummary.apply(next, 1L, T0.plusSeconds(30));

    assertFalse(StatusChange.changed(stored, next));

    next.stops.get(1).message = "now waiting for something else";
    assertTrue(StatusChange.changed(stored, next));
    assertTrue(StatusChange.changed(null, next));
  }

  @Test
  void alignerMatchesStopsByNameAndNeverTouchesTheStoredStatus() {
    ClusterTourStatus stored = StatusAligner.align(Fixtures.plan(ns, web), null);
    stored.stops.get(0).state = StopState.Completed;
    stored.stops.get(1).state = StopState.Running;

    Stop added = Fixtures.deployment("api", "tour-ns", 1);
    ClusterTourStatus aligned = StatusAligner.align(Fixtures.plan(ns, added), stored);

    assertEquals(List.of("ns-tour-ns", "api"), aligned.stops.stream().map(s -> s.name).toList());
    assertEquals(StopState.Completed, aligned.stops.get(0).state);
    assertEquals(StopState.Pending, aligned.stops.get(1).state);
    assertNotSame(stored.stops.get(0), aligned.stops.get(0));
    assertEquals(2, stored.stops.size());
  }

  @Test
  void aStopWhoseTypeChangedStartsOver() {
    ClusterTourStatus stored = StatusAligner.align(Fixtures.plan(ns, web), null);
    stored.stops.get(1).state = StopState.Completed;
    Stop retyped = Fixtures.job("web", "tour-ns");

    ClusterTourStatus aligned = StatusAligner.align(Fixtures.plan(ns, retyped), stored);

    assertEquals(StopState.Pending, aligned.stops.get(1).state);
    assertEquals(Stop.StopType.Job, aligned.stops.get(1).type);
  }

  @Test
  void ownedNamespacesAreThoseOfStartedNamespaceStopsThatDidNotFail() {
    Stop other = Fixtures.namespace("taken");
    TourPlan plan = Fixtures.plan(ns, other, web);
    ClusterTourStatus status = StatusAligner.align(plan, null);
    assertTrue(ClusterTourReconciler.ownedNamespaces(plan, status).isEmpty());

    status.stops.get(0).state = StopState.Completed;
    status.stops.get(1).state = StopState.Failed;
    assertEquals(List.of("tour-ns"), ClusterTourReconciler.ownedNamespaces(plan, status));
  }

  @Test
  void reconcileIsRescheduledForTheRunningStopsDeadlineOnly() {
    TourPlan plan = Fixtures.plan(ns, web);
    ClusterTourStatus status = StatusAligner.align(plan, null);
    status.stops.get(0).state = StopState.Running;
    status.stops.get(0).startedAt = StatusTimes.millis(T0);

    assertEquals(
        Duration.ofSeconds(100).plus(ClusterTourReconciler.DEADLINE_SLACK),
        ClusterTourReconciler.untilDeadline(plan, status, T0.plusSeconds(20)).orElseThrow(),
        "no periodic recheck: notifications wake a running stop, the deadline ends it");
    assertEquals(
        Duration.ofSeconds(2).plus(ClusterTourReconciler.DEADLINE_SLACK),
        ClusterTourReconciler.untilDeadline(plan, status, T0.plusSeconds(118)).orElseThrow(),
        "near its deadline the stop is looked at right after it");

    status.stops.forEach(s -> s.state = StopState.Completed);
    assertTrue(ClusterTourReconciler.untilDeadline(plan, status, T0).isEmpty());
  }
}
