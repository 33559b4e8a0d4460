package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Overall state of a tour, derived from its stops (TimedOut stops make it Diverged). */
public enum TourState {
  Pending,
  Running,
  Completed,
  Diverged,
  Failed;

  /** A stored value; unknown values read as none (the operator derives it again). */
  @JsonCreator
  public static TourState of(String value) {
    return Enums.lenient(TourState.class, value, null);
  }
}
