package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonCreator;

/** The verdicts a documented step can get, as written in FlowStepResult.verdict. */
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

  /**
   * Reads a stored value; one this version does not know reads as no verdict, so that a status
   * written by another version never makes the whole tour unreadable.
   */
  @JsonCreator
  public static Verdict of(String value) {
    return Enums.lenient(Verdict.class, value, null);
  }
}
