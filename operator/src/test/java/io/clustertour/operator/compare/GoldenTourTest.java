package io.clustertour.operator.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clustertour.operator.api.ClusterTourSpec.Language;
import io.clustertour.operator.api.FlowStepResult;
import io.clustertour.operator.api.Stop.StopType;
import io.clustertour.operator.api.StopState;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.api.TimelineEntry;
import io.clustertour.operator.api.Verdict;
import io.clustertour.operator.observe.CausalOrder;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real tour recorded on the project's local cluster (v1.33): a Namespace, a 3-replica Deployment,
 * a DeletePod, a Job and a Deployment whose image does not exist. Its timelines are put back into
 * the order the operator received them and ordered and graded again; what comes out must be what a
 * learner can check: causal order, per-pod chains, the verdicts the run showed. Recorded with
 * hack/golden-tour.sh.
 */
class GoldenTourTest {
  private static final Pattern POD = Pattern.compile("Pod/[a-z0-9-]+");
  private static List<StopStatus> stops;

  @BeforeAll
  static void readTheRecording() throws Exception {
    ObjectMapper json =
        new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try (InputStream in = GoldenTourTest.class.getResourceAsStream("/golden/unseen-mix.json")) {
      stops = List.of(json.readValue(in, StopStatus[].class));
    }
  }

  private static StopStatus stop(String name) {
    return stops.stream().filter(s -> name.equals(s.name)).findFirst().orElseThrow();
  }

  /** The stop's entries as the operator received them, with everything ordering adds removed. */
  private static List<TimelineEntry> asReceived(StopStatus s) {
    List<TimelineEntry> entries = new ArrayList<>();
    for (TimelineEntry recorded : s.timeline) {
      TimelineEntry e = new ObjectMapper().convertValue(recorded, TimelineEntry.class);
      e.order = null;
      e.concurrent = null;
      e.offsetMs = null;
      entries.add(e);
    }
    entries.sort(Comparator.comparing(e -> e.seq));
    return entries;
  }

  private static List<TimelineEntry> reordered(StopStatus s) {
    return CausalOrder.order(asReceived(s), Instant.parse(s.startedAt));
  }

  private static List<FlowStepResult> regraded(StopStatus s) {
    String divergence =
        s.state.isFinal() && s.state != StopState.Completed ? s.state + ": " + s.reason : null;
    return FlowMatcher.grade(
        FlowCatalog.shipped().flow(s.type), reordered(s), Language.en, divergence);
  }

  private static Map<String, Verdict> verdicts(List<FlowStepResult> flow) {
    return flow.stream().collect(Collectors.toMap(f -> f.step, f -> f.verdict));
  }

  @Test
  void theRecordingArrivedOutOfCausalOrder() {
    long inversions =
        stops.stream()
            .mapToLong(
                s -> {
                  long n = 0;
                  for (int i = 1; i < s.timeline.size(); i++) {
                    n += s.timeline.get(i).seq < s.timeline.get(i - 1).seq ? 1 : 0;
                  }
                  return n;
                })
            .sum();
    assertThat(inversions).as("receive order differs from the order of the writes").isPositive();
  }

  @Test
  void orderingAgainGivesTheRecordedOrderWithRevisionsAndHappenedByTimesNeverDecreasing() {
    for (StopStatus s : stops) {
      List<TimelineEntry> again = reordered(s);
      assertThat(again)
          .extracting(e -> e.seq)
          .as(s.name)
          .containsExactlyElementsOf(s.timeline.stream().map(e -> e.seq).toList());
      for (int i = 1; i < again.size(); i++) {
        TimelineEntry before = again.get(i - 1);
        TimelineEntry after = again.get(i);
        if (before.revision != null && after.revision != null) {
          assertThat(after.revision)
              .as(s.name + " #" + (i + 1))
              .isGreaterThanOrEqualTo(before.revision);
        }
        assertThat(after.offsetMs)
            .as(s.name + " #" + (i + 1))
            .isGreaterThanOrEqualTo(before.offsetMs);
      }
    }
  }

  @Test
  void everyStopThatActsBeginsWithTheOperatorsRequest() {
    for (String name : List.of("ns", "web", "kill-one", "batch", "broken")) {
      List<TimelineEntry> timeline = reordered(stop(name));
      TimelineEntry request =
          timeline.stream().filter(e -> "request".equals(e.source)).findFirst().orElseThrow();
      assertThat(request.component).as(name).isEqualTo("clustertour-operator");
      // above it only what provably was written before it: the previous stop's tail
      for (TimelineEntry above : timeline.subList(0, timeline.indexOf(request))) {
        assertThat(CausalOrder.writtenBefore(above, request))
            .as(name + " " + above.reason)
            .isTrue();
      }
    }
  }

  @Test
  void regradingGivesTheVerdictsTheRunShowed() {
    for (StopStatus s : stops) {
      if (s.type != StopType.Inventory) {
        assertThat(verdicts(regraded(s))).as(s.name).isEqualTo(verdicts(s.flow));
      }
    }
  }

  @Test
  void noEvidenceJoinsTwoPodsWithThen() {
    for (StopStatus s : stops) {
      for (FlowStepResult f : regraded(s)) {
        if (f.evidence != null && f.evidence.contains("; then ")) {
          assertThat(POD.matcher(f.evidence).results().map(MatchResult::group).distinct())
              .as(s.name + " " + f.step + ": " + f.evidence)
              .hasSizeLessThanOrEqualTo(1);
        }
      }
    }
  }

  @Test
  void threeReplicasGiveOnePodsProvenChainForTheOrderClaim() {
    FlowStepResult order =
        regraded(stop("web")).stream().filter(f -> "C07".equals(f.claim)).findFirst().orElseThrow();
    assertThat(order.verdict).isEqualTo(Verdict.Observed);
    assertThat(order.evidence.split("; then ")).hasSize(4);
    assertThat(verdicts(regraded(stop("web"))))
        .containsEntry("deployment.controller-to-kubelet", Verdict.Contradicted)
        .containsEntry("deployment.scheduler-to-kubelet", Verdict.Contradicted)
        .doesNotContainValue(Verdict.OutOfOrder);
  }

  @Test
  void theDeleteIsTheOperatorsRequestForTheChosenPod() {
    StopStatus delete = stop("kill-one");
    FlowStepResult request = regraded(delete).get(0);
    assertThat(request.claim).isEqualTo("C01");
    assertThat(request.verdict).isEqualTo(Verdict.Observed);
    assertThat(request.evidence)
        .contains("PodDeletionRequested by clustertour-operator")
        .contains("Pod/" + delete.deletedPod.name);
  }

  @Test
  void aMissingImageContradictsTheMythsFromThePartialPathAndLeavesTheRestNotReached() {
    Map<String, Verdict> v = verdicts(regraded(stop("broken")));
    assertThat(v)
        .containsEntry("deployment.controller-to-kubelet", Verdict.Contradicted)
        .containsEntry("deployment.scheduler-to-kubelet", Verdict.Contradicted)
        .containsEntry("deployment.pod-unit", Verdict.NotReached)
        .containsEntry("deployment.available", Verdict.NotReached)
        .doesNotContainValue(Verdict.Missing);
  }
}
