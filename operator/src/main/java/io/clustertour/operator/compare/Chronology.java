package io.clustertour.operator.compare;

import io.clustertour.operator.api.TimelineEntry;
import io.clustertour.operator.observe.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides whether one timeline entry <em>provably</em> happened before another.
 *
 * <p>A verdict of OutOfOrder must be true on every cluster, so uncertainty never counts as
 * disorder. What each kind of entry proves:
 *
 * <ul>
 *   <li>Two object changes seen live on watches carry their resourceVersion, the etcd revision of
 *       the write: one global order of writes, exact even within a millisecond.
 *   <li>A component's own time ({@code us} eventTime, {@code s} timestamps) says when it acted; two
 *       such times decide when they differ by more than the coarser precision.
 *   <li>The operator's watch-receive time ({@code ms}) only bounds a step from above: the step
 *       happened at or before it, how much before depends on watch latency.
 *   <li>One stream (the Events of one component, or one kind of object) arrives in write order, so
 *       the receive order ({@code seq}) decides ties within a stream, never across streams:
 *       components write their Events asynchronously, so the scheduler's Scheduled can be stored
 *       before the replicaset-controller's SuccessfulCreate for the same pod.
 * </ul>
 */
public final class Chronology {
  private static final String RECEIVED = "ms";

  private Chronology() {}

  /** True when {@code a} provably happened before {@code b}. */
  public static boolean happenedBefore(TimelineEntry a, TimelineEntry b) {
    if (a == b) {
      return false;
    }
    Long revisionA = liveWriteRevision(a);
    Long revisionB = liveWriteRevision(b);
    if (revisionA != null && revisionB != null) {
      return revisionA < revisionB;
    }
    Instant timeA = parse(a.time);
    Instant timeB = parse(b.time);
    if (timeA != null && timeB != null) {
      if (RECEIVED.equals(a.precision) && !RECEIVED.equals(b.precision)) {
        // a happened at or before timeA; b at or after timeB
        if (timeA.isBefore(timeB)) {
          return true;
        }
      } else if (!RECEIVED.equals(a.precision) && !RECEIVED.equals(b.precision)) {
        Duration gap = Duration.between(timeA, timeB).abs();
        Duration tolerance =
            Duration.ofNanos(Math.max(precisionNanos(a.precision), precisionNanos(b.precision)));
        if (gap.compareTo(tolerance) > 0) {
          return timeA.isBefore(timeB);
        }
      }
    }
    return sameStream(a, b) && a.seq != null && b.seq != null && a.seq < b.seq;
  }

  /** The etcd revision of a write seen live on a watch; null for events and replayed entries. */
  static Long liveWriteRevision(TimelineEntry e) {
    if (!"watch".equals(e.source) || !RECEIVED.equals(e.precision) || e.resourceVersion == null) {
      return null;
    }
    try {
      return Long.parseLong(e.resourceVersion);
    } catch (NumberFormatException notEtcd) {
      return null;
    }
  }

  /**
   * Whether both entries came in write order through one stream: Events of one component (each
   * component's recorder writes its own Events in order, but asynchronously from the others), or
   * changes of one kind of object.
   */
  static boolean sameStream(TimelineEntry a, TimelineEntry b) {
    if (!Objects.equals(a.source, b.source)) {
      return false;
    }
    if ("event".equals(a.source)) {
      return Objects.equals(a.component, b.component);
    }
    return !"watch".equals(a.source) || Objects.equals(kind(a.object), kind(b.object));
  }

  private static String kind(String object) {
    return object == null ? null : object.substring(0, Math.max(0, object.indexOf('/')));
  }

  /** Width of one unit of the given precision; unknown precisions count as seconds. */
  static long precisionNanos(String precision) {
    if ("us".equals(precision)) {
      return 1_000L;
    }
    if (RECEIVED.equals(precision)) {
      return 1_000_000L;
    }
    return 1_000_000_000L;
  }

  static Instant parse(String time) {
    return Times.parse(time);
  }
}
