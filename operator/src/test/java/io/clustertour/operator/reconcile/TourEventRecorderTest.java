package io.clustertour.operator.reconcile;

import static io.clustertour.operator.reconcile.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.ClusterTour;
import io.fabric8.kubernetes.api.model.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

class TourEventRecorderTest {
  final ClusterTour tour = Fixtures.tour();
  final TransitionEvents.TourEvent started =
      new TransitionEvents.TourEvent(
          2, "web", "Normal", "StopStarted", "stop 2/3 web (Deployment) started");

  @Test
  void eventPointsAtTheClusterScopedTourFromTheDefaultNamespace() {
    Event e = TourEventRecorder.build(tour, started, T0, "operator-0");

    assertEquals("default", e.getMetadata().getNamespace());
    assertEquals("ClusterTour", e.getInvolvedObject().getKind());
    assertEquals("first", e.getInvolvedObject().getName());
    assertEquals("0123456789abcdef", e.getInvolvedObject().getUid());
    assertEquals("clustertour-operator", e.getSource().getComponent());
    assertEquals("StopStarted", e.getReason());
    assertEquals("2025-03-01T10:00:00Z", e.getFirstTimestamp());
  }

  @Test
  void eventsCarryTheirMicrosecondTimeAndTheSecondKubectlSortsBy() {
    TransitionEvents.TourEvent completed =
        new TransitionEvents.TourEvent(
            2, "web", "Normal", "StopCompleted", "stop 2/3 web completed");
    Event first = TourEventRecorder.build(tour, started, T0.plusNanos(1_000), "operator-0");
    Event second = TourEventRecorder.build(tour, completed, T0.plusNanos(250_000), "operator-0");

    assertEquals("2025-03-01T10:00:00Z", first.getLastTimestamp());
    assertEquals("2025-03-01T10:00:00.250001Z", first.getEventTime().getTime());
    assertEquals("2025-03-01T10:00:00.250250Z", second.getEventTime().getTime());
    assertTrue(first.getEventTime().getTime().compareTo(second.getEventTime().getTime()) < 0);
    // what the API server requires of an Event with an eventTime
    assertFalse(first.getAction().isEmpty());
    assertFalse(first.getReportingComponent().isEmpty());
    assertFalse(first.getReportingInstance().isEmpty());
  }

  @Test
  void namesSortInTheOrderTheTransitionsHappen() {
    // kubectl describe keeps the API server's order (by name) for Events of the same second
    List<String> happened =
        List.of(
            TourEventRecorder.name(
                tour, new TransitionEvents.TourEvent(1, "ns", "Normal", "StopStarted", "")),
            TourEventRecorder.name(
                tour, new TransitionEvents.TourEvent(1, "ns", "Normal", "StopCompleted", "")),
            TourEventRecorder.name(
                tour, new TransitionEvents.TourEvent(2, "web", "Normal", "StopStarted", "")),
            TourEventRecorder.name(
                tour, new TransitionEvents.TourEvent(2, "web", "Warning", "FlowDiverged", "")),
            TourEventRecorder.name(
                tour, new TransitionEvents.TourEvent(10, "batch", "Normal", "StopStarted", "")));
    assertEquals(happened, happened.stream().sorted().toList());
  }

  @Test
  void theSameTransitionAlwaysGetsTheSameName() {
    assertEquals("first.002-a.web.stopstarted.01234567", TourEventRecorder.name(tour, started));
  }

  @Test
  void longTourNamesStayAValidName() {
    tour.getMetadata().setName("a".repeat(230) + ".b-c");

    String name = TourEventRecorder.name(tour, started);

    assertTrue(name.length() <= 253, name);
    assertTrue(name.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?"), name);
  }
}
