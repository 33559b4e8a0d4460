package io.clustertour.operator.act;

/**
 * Outcome of one action: either done (with a note for the stop's message) or failed with a
 * machine-readable reason the learner can act on.
 */
public record ActResult(boolean failed, String reason, String message) {

  /** The action happened (or had already happened: every action is idempotent). */
  public static ActResult done(String message) {
    return new ActResult(false, null, message);
  }

  /** The action cannot happen; {@code reason} is CamelCase, e.g. {@code NamespaceNotOwned}. */
  public static ActResult failed(String reason, String message) {
    return new ActResult(true, reason, message);
  }
}
