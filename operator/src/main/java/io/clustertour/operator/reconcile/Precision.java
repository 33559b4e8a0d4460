package io.clustertour.operator.reconcile;

import io.clustertour.operator.observe.Observation;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Differences of times of unequal precision, never finer than their coarser end. Pure. */
final class Precision {
  // finest first
  private static final List<String> ORDER =
      List.of(Observation.MICROS, Observation.MILLIS, Observation.SECONDS);

  private Precision() {}

  /** Whether a time of this precision is a cluster component's own time, not a receive time. */
  static boolean isOwnTime(String precision) {
    return Observation.SECONDS.equals(precision) || Observation.MICROS.equals(precision);
  }

  /** The coarser of two precisions; unknown counts as seconds. */
  static String coarser(String a, String b) {
    return ORDER.get(Math.max(rank(a), rank(b)));
  }

  /**
   * Milliseconds from {@code from} to {@code to}, never negative. Both ends are first cut to the
   * coarser precision: a µs eventTime minus a second-precision creationTimestamp is a whole number
   * of seconds, so the figure cannot look finer than it is.
   */
  static long millisBetween(Instant from, Instant to, String precision) {
    ChronoUnit unit =
        switch (ORDER.get(rank(precision))) {
          case Observation.MICROS -> ChronoUnit.MICROS;
          case Observation.MILLIS -> ChronoUnit.MILLIS;
          default -> ChronoUnit.SECONDS;
        };
    return Math.max(0, Duration.between(from.truncatedTo(unit), to.truncatedTo(unit)).toMillis());
  }

  private static int rank(String precision) {
    int rank = precision == null ? -1 : ORDER.indexOf(precision);
    return rank < 0 ? ORDER.size() - 1 : rank;
  }
}
