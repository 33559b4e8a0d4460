package io.clustertour.operator.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.FlowStepResult;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictCountsTest {

  private static List<FlowStepResult> results(String... verdicts) {
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
            results("Contradicted", "Observed", "NotObservable", "Observed", "Contradicted"));
    assertEquals("2 observed, 2 contradicted, 1 not observable", counts.summary());
    assertEquals(5, counts.total());
    assertFalse(counts.matchesDocumentation());
  }

  @Test
  void notObservableStepsStillMatchTheDocumentation() {
    assertTrue(VerdictCounts.of(results("Observed", "NotObservable")).matchesDocumentation());
    assertFalse(VerdictCounts.of(results("Observed", "Missing")).matchesDocumentation());
    assertFalse(VerdictCounts.of(results("OutOfOrder")).matchesDocumentation());
  }

  @Test
  void addsUpAcrossStops() {
    VerdictCounts total =
        VerdictCounts.of(results("Observed", "Missing"))
            .plus(VerdictCounts.of(results("OutOfOrder", "Observed")));
    assertEquals("2 observed, 1 out of order, 1 missing", total.summary());
    assertEquals("no steps", VerdictCounts.NONE.summary());
  }
}
