package io.clustertour.operator.observe;

import io.clustertour.operator.api.TimelineEntry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the observations of one stop's window into a bounded list of status timeline entries, in
 * causal order ({@link CausalOrder}).
 */
public final class TimelineBuilder {
  /** Most entries a stop's status keeps: the status must stay small however long a pod fails. */
  public static final int CAP = 60;

  private TimelineBuilder() {}

  /**
   * Entries for the observations received between {@code stopStart} and {@code stopEnd} ({@code
   * null}: still running); recovered observations are placed by their own time. Over {@code cap},
   * the first two thirds and the last third (in causal order) are kept.
   */
  public static TimelineResult build(
      List<Observation> observations, Instant stopStart, Instant stopEnd, int cap) {
    List<Observation> window = window(observations, stopStart, stopEnd);
    // a property of the cluster, checked on everything the tour saw: a stop that only deletes
    // (scale down) creates nothing to check Events against
    RevisionSpace space = RevisionSpace.of(observations);
    int repeated = (int) window.stream().filter(o -> o.repeats() > 0).count();
    List<TimelineEntry> ordered =
        CausalOrder.order(window.stream().map(o -> entry(o, space.shared())).toList(), stopStart);
    List<TimelineEntry> kept = ordered;
    int dropped = 0;
    if (ordered.size() > cap) {
      // the controllers' status writes go first: many, alike, and what they wrote shows as the
      // watch's rows (Available, scaled); their count is kept in the dropped counter
      List<TimelineEntry> trimmed = new ArrayList<>(ordered);
      for (int i = trimmed.size() - 1; i >= 0 && trimmed.size() > cap; i--) {
        if (isStatusWrite(trimmed.get(i))) {
          trimmed.remove(i);
          dropped++;
        }
      }
      ordered = trimmed;
      kept = trimmed;
    }
    if (ordered.size() > cap) {
      int head = cap * 2 / 3;
      kept = new ArrayList<>(ordered.subList(0, head));
      kept.addAll(ordered.subList(ordered.size() - (cap - head), ordered.size()));
      dropped += ordered.size() - cap;
    }
    return new TimelineResult(kept, dropped, repeated, space);
  }

  /** The observations that belong to a stop's window, uncapped, in receive order. */
  public static List<Observation> window(
      List<Observation> observations, Instant stopStart, Instant stopEnd) {
    return observations.stream()
        .filter(o -> inWindow(o, stopStart, stopEnd))
        .sorted(Comparator.comparingLong(Observation::seq))
        .toList();
  }

  /**
   * The status form of one observation. Its revision orders it only when it is the write itself
   * seen live (a replayed object shows its latest version, not the step's write) and, for Events,
   * when Events share the objects' revision space.
   */
  static TimelineEntry entry(Observation o, boolean eventsShareRevisions) {
    TimelineEntry entry = new TimelineEntry();
    entry.seq = o.seq();
    boolean ordersByRevision =
        !o.recovered()
            && !Observation.INVENTORY.equals(o.source())
            && (eventsShareRevisions || !Observation.EVENT.equals(o.source()));
    entry.revision = ordersByRevision ? o.revision() : null;
    entry.time = Times.format(o.time(), o.precision());
    entry.precision = o.precision();
    entry.until = o.until() == null ? null : Times.format(o.until(), o.precision());
    entry.receivedAt = Times.format(o.receivedAt(), Observation.MILLIS);
    entry.component = o.component();
    entry.reason = o.reason();
    entry.object = o.object();
    entry.uid = o.uid();
    entry.message = o.message();
    entry.source = o.source();
    entry.via = o.via().isEmpty() ? null : o.via();
    entry.count = o.count() > 1 ? o.count() : null;
    entry.resourceVersion = o.resourceVersion();
    return entry;
  }

  /**
   * An audited status write by a controller (a kubelet's status patches stay: C04/C05 use them).
   */
  static boolean isStatusWrite(TimelineEntry e) {
    return Interactions.AUDIT.equals(e.source)
        && e.reason != null
        && e.reason.startsWith("update ")
        && e.reason.endsWith("/status");
  }

  /** The instant that places an observation in a stop: receive time, or own time if recovered. */
  static Instant placement(Observation o) {
    return o.recovered() && o.time() != null ? o.time() : o.receivedAt();
  }

  private static boolean inWindow(Observation o, Instant start, Instant end) {
    Instant at = placement(o);
    Instant from = start;
    if (o.recovered() && Observation.SECONDS.equals(o.precision())) {
      // a second-precision time may lie up to a second before the millisecond stop start
      from = start.truncatedTo(ChronoUnit.SECONDS);
    }
    return !at.isBefore(from) && (end == null || !at.isAfter(end));
  }
}
