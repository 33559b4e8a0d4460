package io.clustertour.operator.compare;

/** The verdicts a documented step can get; the name is what FlowStepResult.verdict holds. */
public enum Verdict {
  Observed("observed"),
  OutOfOrder("out of order"),
  Contradicted("contradicted"),
  NotObservable("not observable"),
  Missing("missing"),
  /** The stop diverged (an injected failure) before this step could happen: not a doc error. */
  NotReached("not reached");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  /** Lower-case words used in summaries, e.g. "not observable". */
  public String label() {
    return label;
  }
}
