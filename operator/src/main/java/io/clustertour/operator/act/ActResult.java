package io.clustertour.operator.act;

/**
 * Outcome of one action: done (with a note for the stop's message), failed with a reason the
 * learner can act on, or not possible yet (something left by an earlier tour is still going away).
 */
public record ActResult(Outcome outcome, String reason, String message, OwnWrite write) {

  /** What happened to the action. */
  public enum Outcome {
    DONE,
    FAILED,
    NOT_YET,
    /** A choice was made that must be stored before the action happens (see DeletePod). */
    CHOSEN
  }

  /** The action happened (or had already happened: every action is idempotent). */
  public static ActResult done(String message) {
    return new ActResult(Outcome.DONE, null, message, null);
  }

  /**
   * The action made {@code write}: the observer records it the moment it returns, with the answer's
   * resourceVersion, ahead of any watch notification about it.
   */
  public static ActResult wrote(String message, OwnWrite write) {
    return new ActResult(Outcome.DONE, null, message, write);
  }

  /** The action cannot happen; {@code reason} is CamelCase, e.g. {@code NamespaceNotOwned}. */
  public static ActResult failed(String reason, String message) {
    return new ActResult(Outcome.FAILED, reason, message, null);
  }

  /** The action cannot happen now but will once the cluster has finished a deletion. */
  public static ActResult notYet(String reason, String message) {
    return new ActResult(Outcome.NOT_YET, reason, message, null);
  }

  /** The action chose what it will act on; it acts once the choice is stored. */
  public static ActResult chosen(String reason, String message) {
    return new ActResult(Outcome.CHOSEN, reason, message, null);
  }

  public boolean chosen() {
    return outcome == Outcome.CHOSEN;
  }

  public boolean failed() {
    return outcome == Outcome.FAILED;
  }

  public boolean notYet() {
    return outcome == Outcome.NOT_YET;
  }
}
