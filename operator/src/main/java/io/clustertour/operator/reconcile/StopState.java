package io.clustertour.operator.reconcile;

/** Life of a stop: Pending, then Running, then one final state. */
public enum StopState {
  Pending,
  Running,
  Completed,
  Diverged,
  TimedOut,
  Failed;

  /** True once the stop will not change any more. */
  public boolean isFinal() {
    return this != Pending && this != Running;
  }

  /** Parses a status value; unknown or missing values count as Pending (start over, safely). */
  public static StopState of(String value) {
    if (value == null) {
      return Pending;
    }
    for (StopState s : values()) {
      if (s.name().equals(value)) {
        return s;
      }
    }
    return Pending;
  }
}
