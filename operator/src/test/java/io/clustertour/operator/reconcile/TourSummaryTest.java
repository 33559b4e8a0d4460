package io.clustertour.operator.reconcile;

import static io.clustertour.operator.reconcile.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.ClusterTourStatus;
import io.clustertour.operator.api.EvidenceSource;
import io.clustertour.operator.api.FlowStepResult;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopState;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.api.TourState;
import io.clustertour.operator.api.Verdict;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TourSummaryTest {

  static StopStatus stop(String name, String state, String... verdicts) {
    StopStatus s = new StopStatus();
    s.name = name;
    s.type = Stop.StopType.Deployment;
    s.state = StopState.valueOf(state);
    s.reason = state.equals("Completed") ? "Completed" : state + "Reason";
    s.message = "msg of " + name;
    for (String v : verdicts) {
      FlowStepResult r = new FlowStepResult();
      r.verdict = Verdict.valueOf(v);
      s.flow.add(r);
    }
    return s;
  }

  static ClusterTourStatus status(StopStatus... stops) {
    ClusterTourStatus status = new ClusterTourStatus();
    status.stops = new ArrayList<>(List.of(stops));
    return status;
  }

  static Condition condition(ClusterTourStatus status, String type) {
    return status.conditions.stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void runningTourCountsFinishedStopsAndNamesTheCurrentOne() {
    ClusterTourStatus s =
        status(
            stop("a", "Completed", "Observed", "Contradicted"),
            stop("b", "Running"),
            stop("c", "Pending"));

    TourSummary.apply(s, 3L, T0);

    assertEquals(TourState.Running, s.state);
    assertEquals("1/3", s.stopsDone);
    assertEquals("1 observed, 1 contradicted", s.verdictSummary);
    assertEquals("Stop 2/3 b (Deployment) running: msg of b", s.summary);
    assertEquals("b", s.currentStop);
    assertEquals(3L, s.observedGeneration);
    assertEquals("False", condition(s, "Completed").getStatus());
    assertEquals("StopsRemaining", condition(s, "Completed").getReason());
    assertEquals("True", condition(s, "Ready").getStatus());
    assertEquals("False", condition(s, "MatchesDocumentation").getStatus());
    assertEquals("Contradicted", condition(s, "MatchesDocumentation").getReason());
    s.conditions.forEach(c -> assertEquals(3L, c.getObservedGeneration()));
  }

  @Test
  void aFinishedTourHasNoCurrentStop() {
    ClusterTourStatus s = status(stop("a", "Completed"), stop("b", "Diverged"));
    s.currentStop = "b";
    TourSummary.apply(s, 1L, T0);
    assertNull(s.currentStop);
  }

  @Test
  void theEvidenceLevelIsDirectOnlyWhenADirectSourceArrives() {
    EvidenceSource audit = new EvidenceSource("audit", "direct", false, "no batch arrived");
    EvidenceSource events = new EvidenceSource("events", "observed", true, "watched");
    ClusterTourStatus s = status(stop("a", "Running"));

    TourSummary.apply(s, 1L, T0);
    assertNull(s.evidenceLevel, "nothing known yet");

    s.evidence = List.of(audit, events);
    TourSummary.apply(s, 1L, T0);
    assertEquals("observed", s.evidenceLevel);

    audit.available = true;
    TourSummary.apply(s, 1L, T0);
    assertEquals("direct", s.evidenceLevel);
  }

  @Test
  void overallStateAfterTheLastStop() {
    assertEquals(
        TourState.Completed, TourSummary.overallState(status(stop("a", "Completed")).stops));
    assertEquals(
        TourState.Diverged,
        TourSummary.overallState(status(stop("a", "Completed"), stop("b", "TimedOut")).stops));
    assertEquals(
        TourState.Failed,
        TourSummary.overallState(status(stop("a", "Diverged"), stop("b", "Failed")).stops));
    assertEquals(TourState.Pending, TourSummary.overallState(status(stop("a", "Pending")).stops));
  }

  @Test
  void failedStopMakesTheTourNotReady() {
    ClusterTourStatus s = status(stop("ns", "Failed"), stop("web", "Failed"));

    TourSummary.apply(s, 1L, T0);

    Condition ready = condition(s, "Ready");
    assertEquals("False", ready.getStatus());
    assertEquals("StopFailed", ready.getReason());
    assertTrue(ready.getMessage().startsWith("ns: FailedReason"), ready.getMessage());
    assertTrue(s.summary.contains("2 failed (ns: FailedReason, web: FailedReason)"), s.summary);
  }

  @Test
  void missingStepsOfTheRunningStopDoNotCountYet() {
    ClusterTourStatus s =
        status(stop("a", "Completed", "Observed"), stop("b", "Running", "Missing"));

    TourSummary.apply(s, 1L, T0);

    assertEquals("Unknown", condition(s, "MatchesDocumentation").getStatus());
  }

  @Test
  void allFinishedAsDocumentedMatchesDocumentation() {
    ClusterTourStatus s = status(stop("a", "Completed", "Observed", "NotObservable"));

    TourSummary.apply(s, 1L, T0);

    assertEquals("True", condition(s, "MatchesDocumentation").getStatus());
    assertEquals("True", condition(s, "Completed").getStatus());
    assertEquals("All 1 stops finished: 1 completed; 1 observed, 1 not observable", s.summary);
  }

  @Test
  void lastTransitionTimeMovesOnlyWhenTheConditionStatusChanges() {
    ClusterTourStatus s = status(stop("a", "Running"));
    TourSummary.apply(s, 1L, T0);
    String readySince = condition(s, "Ready").getLastTransitionTime();

    s.stops.get(0).message = "another waiting message";
    TourSummary.apply(s, 1L, T0.plusSeconds(10));
    assertEquals(readySince, condition(s, "Ready").getLastTransitionTime());
    assertEquals("Running", condition(s, "Ready").getReason());

    s.stops.get(0).state = StopState.Completed;
    TourSummary.apply(s, 1L, T0.plusSeconds(20));
    assertEquals(readySince, condition(s, "Ready").getLastTransitionTime(), "still True");
    assertNotEquals(
        condition(s, "Completed").getLastTransitionTime(), readySince, "Completed flipped to True");
    assertEquals("2025-03-01T10:00:20Z", condition(s, "Completed").getLastTransitionTime());
  }

  @Test
  void conditionsOfOtherTypesAreKept() {
    Condition foreign = new Condition();
    foreign.setType("SomethingElse");
    foreign.setStatus("True");
    ClusterTourStatus s = status(stop("a", "Running"));
    s.conditions.add(foreign);

    TourSummary.apply(s, 1L, T0);

    assertEquals(4, s.conditions.size());
    assertEquals("True", condition(s, "SomethingElse").getStatus());
  }
}
