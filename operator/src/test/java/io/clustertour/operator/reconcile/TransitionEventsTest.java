package io.clustertour.operator.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.ClusterTourStatus;
import io.clustertour.operator.reconcile.TransitionEvents.TourEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransitionEventsTest {

  static ClusterTourStatus with(String... states) {
    ClusterTourStatus s = new ClusterTourStatus();
    for (int i = 0; i < states.length; i++) {
      var stop = TourSummaryTest.stop("s" + i, states[i], "Observed");
      stop.startedAt = "2025-03-01T10:00:00.000Z";
      stop.finishedAt = "2025-03-01T10:00:04.200Z";
      s.stops.add(stop);
    }
    return s;
  }

  static List<String> reasons(List<TourEvent> events) {
    return events.stream().map(TourEvent::reason).toList();
  }

  @Test
  void startingAStopIsAnnouncedOnce() {
    List<TourEvent> events =
        TransitionEvents.between(with("Pending", "Pending"), with("Running", "Pending"));

    assertEquals(List.of("StopStarted"), reasons(events));
    assertEquals("Normal", events.get(0).type());
    assertEquals("s0", events.get(0).stop());
  }

  @Test
  void noTransitionNoEvent() {
    assertTrue(TransitionEvents.between(with("Running"), with("Running")).isEmpty());
  }

  @Test
  void aStopThatStartsAndEndsInOneReconcileGetsBothEvents() {
    List<TourEvent> events = TransitionEvents.between(null, with("Completed"));

    assertEquals(List.of("StopStarted", "StopCompleted"), reasons(events));
    assertTrue(events.get(1).message().contains("completed in 4.200s"), events.get(1).message());
    assertTrue(events.get(1).message().contains("verdicts: 1 observed"), events.get(1).message());
  }

  @Test
  void unhappyEndingsAreWarnings() {
    List<TourEvent> events =
        TransitionEvents.between(
            with("Running", "Running", "Running"), with("Diverged", "TimedOut", "Failed"));

    assertEquals(List.of("FlowDiverged", "StopTimedOut", "StopFailed"), reasons(events));
    events.forEach(e -> assertEquals("Warning", e.type()));
    assertTrue(
        events.get(0).message().contains("DivergedReason: msg of s0"), events.get(0).message());
  }

  @Test
  void restartingFromTheStoredStatusAnnouncesNothingAgain() {
    ClusterTourStatus stored = with("Completed", "Running");

    assertTrue(TransitionEvents.between(stored, with("Completed", "Running")).isEmpty());
  }
}
