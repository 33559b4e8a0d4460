package io.clustertour.operator.act;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Outcome of one action: done (with a note for the stop's message), failed with a reason the
 * learner can act on, or not possible yet (something left by an earlier tour is still going away).
 */
public record ActResult(
    Outcome outcome, String reason, String message, HasMetadata before, HasMetadata written) {

  /** What happened to the action. */
  public enum Outcome {
    DONE,
    FAILED,
    NOT_YET
  }

  /** The action happened (or had already happened: every action is idempotent). */
  public static ActResult done(String message) {
    return new ActResult(Outcome.DONE, null, message, null, null);
  }

  /**
   * The action wrote {@code written} (state {@code before} the write, null for a creation): the
   * observer records the write the moment it returns, ahead of any watch notification about it.
   */
  public static ActResult wrote(String message, HasMetadata before, HasMetadata written) {
    return new ActResult(Outcome.DONE, null, message, before, written);
  }

  /** The action cannot happen; {@code reason} is CamelCase, e.g. {@code NamespaceNotOwned}. */
  public static ActResult failed(String reason, String message) {
    return new ActResult(Outcome.FAILED, reason, message, null, null);
  }

  /** The action cannot happen now but will once the cluster has finished a deletion. */
  public static ActResult notYet(String reason, String message) {
    return new ActResult(Outcome.NOT_YET, reason, message, null, null);
  }

  public boolean failed() {
    return outcome == Outcome.FAILED;
  }

  public boolean notYet() {
    return outcome == Outcome.NOT_YET;
  }
}
