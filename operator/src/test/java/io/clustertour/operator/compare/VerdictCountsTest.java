package io.clustertour.operator.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.FlowStepResult;
import io.clustertour.operator.api.Verdict;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictCountsTest {

  private static List<FlowStepResult> results(Verdict... verdicts) {
    return Arrays.stream(verdicts)
        .map(
            v -> {
              FlowStepResult r = new FlowStepResult();
              r.verdict = v;
              return r;
            })
        .toList();
  }

  @Test
  void summarisesInAFixedOrderAndSkipsZeros() {
    VerdictCounts counts =
        VerdictCounts.of(
            results(
                Verdict.Contradicted,
                Verdict.Observed,
                Verdict.NotObservable,
                Verdict.Observed,
                Verdict.Contradicted));
    assertEquals("2 observed, 2 contradicted, 1 not observable", counts.summary());
    assertEquals(5, counts.total());
    assertFalse(counts.matchesDocumentation());
  }

  @Test
  void notObservableStepsStillMatchTheDocumentation() {
    assertTrue(
        VerdictCounts.of(results(Verdict.Observed, Verdict.NotObservable)).matchesDocumentation());
    assertFalse(
        VerdictCounts.of(results(Verdict.Observed, Verdict.Missing)).matchesDocumentation());
    assertFalse(VerdictCounts.of(results(Verdict.OutOfOrder)).matchesDocumentation());
  }

  @Test
  void addsUpAcrossStops() {
    VerdictCounts total =
        VerdictCounts.of(results(Verdict.Observed, Verdict.Missing))
            .plus(VerdictCounts.of(results(Verdict.OutOfOrder, Verdict.Observed)));
    assertEquals("2 observed, 1 out of order, 1 missing", total.summary());
    assertEquals("no steps", VerdictCounts.NONE.summary());
  }
}
