package io.clustertour.operator.compare;

import static io.clustertour.operator.compare.Entries.event;
import static io.clustertour.operator.compare.Entries.watch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.ClusterTourSpec.Language;
import io.clustertour.operator.api.ExpectedStep;
import io.clustertour.operator.api.FlowStepResult;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.TimelineEntry;
import io.clustertour.operator.api.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectedFlowTest {

  private static ExpectedStep expect(String component, String reason, String text) {
    ExpectedStep s = new ExpectedStep();
    s.component = component;
    s.reason = reason;
    s.text = text;
    return s;
  }

  private static final List<TimelineEntry> TIMELINE =
      List.of(
          event(1, "replicaset-controller", "SuccessfulCreate", "ReplicaSet/web-1", null, "s"),
          watch(2, "default-scheduler", "PodBound", "Pod/web-1-a", "2025-01-01T12:00:00.300Z"),
          event(
              3, "default-scheduler", "Scheduled", "Pod/web-1-a", "2025-01-01T12:00:00.29Z", "us"),
          event(4, "kubelet", "Started", "Pod/web-1-a", "2025-01-01T12:00:01Z", "s"));

  @Test
  void gradesTheLearnersOwnBelief() {
    Flow flow =
        ExpectedFlow.from(
            "Deployment",
            List.of(
                expect("controller-manager", "SuccessfulCreate", "The controller creates the pod"),
                expect("kube-apiserver", "Scheduled", "The API server schedules the pod"),
                expect("kube-scheduler", "Scheduled", "The scheduler places it"),
                expect("kubelet", null, "The kubelet does something"),
                expect("etcd", null, "etcd tells everyone")));

    List<FlowStepResult> results = FlowMatcher.grade(flow, TIMELINE, Language.en);

    assertEquals(
        List.of(
            Verdict.Observed,
            Verdict.Contradicted,
            Verdict.Observed,
            Verdict.Observed,
            Verdict.Missing),
        results.stream().map(r -> r.verdict).toList());
    FlowStepResult wrong = results.get(1);
    assertTrue(wrong.evidence.contains("different component than kube-apiserver"), wrong.evidence);
    assertTrue(wrong.evidence.contains("Scheduled by default-scheduler"), wrong.evidence);
    assertEquals(3L, wrong.evidenceSeq);
    assertEquals("expected-2", wrong.step);
    assertNull(wrong.claim);
    assertEquals("The API server schedules the pod", wrong.claimText);
  }

  @Test
  void learnerTextIsShownInEitherLanguage() {
    Flow flow = ExpectedFlow.from("Job", List.of(expect("kubelet", "Started", "kubelet 시작")));
    FlowStepResult r = FlowMatcher.grade(flow, TIMELINE, Language.ko).get(0);
    assertEquals("kubelet 시작", r.claimText);
    assertEquals(Verdict.Observed, r.verdict);
  }

  @Test
  void reasonNeverSeenIsMissingNotContradicted() {
    Flow flow = ExpectedFlow.from("Job", List.of(expect("kubelet", "Pulling", "pull")));
    assertEquals(Verdict.Missing, FlowMatcher.grade(flow, TIMELINE, Language.en).get(0).verdict);
  }

  @Test
  void catalogUsesTheExpectedFlowWhenTheStopHasOne() {
    Stop stop = new Stop();
    stop.type = Stop.StopType.Deployment;
    FlowCatalog catalog = FlowCatalog.shipped();
    assertSame(catalog.flow(Stop.StopType.Deployment), catalog.flowFor(stop));

    stop.expectedFlow = List.of(expect("kubelet", "Started", "mine"));
    Flow learner = catalog.flowFor(stop);
    assertEquals(1, learner.steps().size());
    assertEquals("expected-1", learner.steps().get(0).id());
  }
}
