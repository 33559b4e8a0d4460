package io.clustertour.operator.compare;

import io.clustertour.operator.api.TimelineEntry;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Decides which of two timeline entries happened first, honouring each time's precision. */
public final class Chronology {
  private Chronology() {}

  /**
   * True when {@code a} happened before {@code b}. Times decide only when they differ by more than
   * the coarser of the two precisions (s = 1000 ms, ms = 1 ms, us = 0.001 ms); closer than that,
   * the watch-receive order ({@code seq}) decides, because second-precision times cannot order
   * same-second steps.
   */
  public static boolean happenedBefore(TimelineEntry a, TimelineEntry b) {
    Instant timeA = parse(a.time);
    Instant timeB = parse(b.time);
    if (timeA != null && timeB != null) {
      Duration gap = Duration.between(timeA, timeB).abs();
      Duration tolerance =
          Duration.ofNanos(Math.max(precisionNanos(a.precision), precisionNanos(b.precision)));
      if (gap.compareTo(tolerance) > 0) {
        return timeA.isBefore(timeB);
      }
    }
    if (a.seq != null && b.seq != null) {
      return a.seq < b.seq;
    }
    return false;
  }

  /** Width of one unit of the given precision; unknown precisions count as seconds. */
  static long precisionNanos(String precision) {
    if ("us".equals(precision)) {
      return 1_000L;
    }
    if ("ms".equals(precision)) {
      return 1_000_000L;
    }
    return 1_000_000_000L;
  }

  static Instant parse(String time) {
    if (time == null || time.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(time).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }
}
