package io.clustertour.operator.compare;

import io.clustertour.operator.api.FlowStepResult;
import io.clustertour.operator.api.Verdict;
import java.util.ArrayList;
import java.util.List;

/** How many steps got each verdict, and whether that still matches the documentation. */
public record VerdictCounts(
    int observed,
    int outOfOrder,
    int contradicted,
    int notObservable,
    int missing,
    int notReached) {

  public static final VerdictCounts NONE = new VerdictCounts(0, 0, 0, 0, 0, 0);

  /** Counts the verdicts of the results; results without a verdict are ignored. */
  public static VerdictCounts of(List<FlowStepResult> results) {
    int[] n = new int[Verdict.values().length];
    for (FlowStepResult r : results) {
      if (r.verdict != null) {
        n[r.verdict.ordinal()]++;
      }
    }
    return new VerdictCounts(
        n[Verdict.Observed.ordinal()],
        n[Verdict.OutOfOrder.ordinal()],
        n[Verdict.Contradicted.ordinal()],
        n[Verdict.NotObservable.ordinal()],
        n[Verdict.Missing.ordinal()],
        n[Verdict.NotReached.ordinal()]);
  }

  /** Sum of both, e.g. to total the stops of a tour. */
  public VerdictCounts plus(VerdictCounts other) {
    return new VerdictCounts(
        observed + other.observed,
        outOfOrder + other.outOfOrder,
        contradicted + other.contradicted,
        notObservable + other.notObservable,
        missing + other.missing,
        notReached + other.notReached);
  }

  public int count(Verdict verdict) {
    return switch (verdict) {
      case Observed -> observed;
      case OutOfOrder -> outOfOrder;
      case Contradicted -> contradicted;
      case NotObservable -> notObservable;
      case Missing -> missing;
      case NotReached -> notReached;
    };
  }

  public int total() {
    return observed + outOfOrder + contradicted + notObservable + missing + notReached;
  }

  /**
   * True when nothing the documentation says was missing, out of order or contradicted
   * (NotObservable steps, and steps a diverged stop never reached, do not count against it).
   */
  public boolean matchesDocumentation() {
    return missing == 0 && outOfOrder == 0 && contradicted == 0;
  }

  /** E.g. "7 observed, 3 contradicted, 1 not observable"; "no steps" when empty. */
  public String summary() {
    List<String> parts = new ArrayList<>();
    for (Verdict v : Verdict.values()) {
      if (count(v) > 0) {
        parts.add(count(v) + " " + v.label());
      }
    }
    return parts.isEmpty() ? "no steps" : String.join(", ", parts);
  }

  @Override
  public String toString() {
    return summary();
  }
}
