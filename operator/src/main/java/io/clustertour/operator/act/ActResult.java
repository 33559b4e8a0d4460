package io.clustertour.operator.act;

/**
 * Outcome of one action: done (with a note for the stop's message), failed with a reason the
 * learner can act on, or not possible yet (something left by an earlier tour is still going away).
 */
public record ActResult(Outcome outcome, String reason, String message) {

  /** What happened to the action. */
  public enum Outcome {
    DONE,
    FAILED,
    NOT_YET
  }

  /** The action happened (or had already happened: every action is idempotent). */
  public static ActResult done(String message) {
    return new ActResult(Outcome.DONE, null, message);
  }

  /** The action cannot happen; {@code reason} is CamelCase, e.g. {@code NamespaceNotOwned}. */
  public static ActResult failed(String reason, String message) {
    return new ActResult(Outcome.FAILED, reason, message);
  }

  /** The action cannot happen now but will once the cluster has finished a deletion. */
  public static ActResult notYet(String reason, String message) {
    return new ActResult(Outcome.NOT_YET, reason, message);
  }

  public boolean failed() {
    return outcome == Outcome.FAILED;
  }

  public boolean notYet() {
    return outcome == Outcome.NOT_YET;
  }
}
