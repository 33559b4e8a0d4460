package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonCreator;

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

  /** A stored value; unknown (another version's) values read as Pending: start over, safely. */
  @JsonCreator
  public static StopState of(String value) {
    return Enums.lenient(StopState.class, value, Pending);
  }

  /** The state of a stop whose status may not have one yet (Pending then). */
  public static StopState of(StopState value) {
    return value == null ? Pending : value;
  }
}
