package io.clustertour.operator.testsupport;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** A test's missing tool or cluster: skipped on a developer's machine, a failure under CI=true. */
public final class Required {
  private Required() {}

  /**
   * Aborts the test with {@code why}, or fails it under {@code CI=true}, where {@code tests} (e.g.
   * "the browser tests") may not be skipped.
   */
  public static void unavailable(String why, String tests) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(why + " (CI=true: " + tests + " may not be skipped)");
    }
    Assumptions.abort(why);
  }
}
