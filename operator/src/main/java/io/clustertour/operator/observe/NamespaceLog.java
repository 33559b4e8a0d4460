package io.clustertour.operator.observe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bounded, ordered observations of one tracked namespace. Keyed so that a repeated event or a
 * step seen twice updates (or is ignored) instead of adding an entry.
 */
final class NamespaceLog {
  /** Observations kept per namespace; a crash-looping pod must not grow memory without bound. */
  static final int LIMIT = 2000;

  /** What {@link #record} did with an observation. */
  enum Outcome {
    ADDED,
    REPEATED,
    IGNORED
  }

  private final int limit;
  // insertion order is seq order because seq is taken under this object's lock
  private final LinkedHashMap<String, Observation> byKey = new LinkedHashMap<>();
  private long dropped;
  private long repeatedEvents;
  // shared by all namespaces' logs and kept when a log is removed: the operator-wide loss counter
  private final LongAdder droppedTotal;

  NamespaceLog() {
    this(LIMIT);
  }

  NamespaceLog(int limit) {
    this(limit, new LongAdder());
  }

  NamespaceLog(int limit, LongAdder droppedTotal) {
    this.limit = limit;
    this.droppedTotal = droppedTotal;
  }

  /**
   * Adds {@code candidate} (stamped with the next seq and {@code receivedAt}), or updates the
   * earlier observation with the same key when its count grew.
   */
  synchronized Outcome record(Observation candidate, Instant receivedAt) {
    Observation earlier = byKey.get(candidate.key());
    if (earlier != null && (candidate.isDirectOnly() || earlier.isDirectOnly())) {
      // two records of one write (the watch's or the operator's answer, and the API server's
      // audit or trace of it): one row, whichever came first keeps its place
      Observation merged =
          candidate.isDirectOnly()
              ? earlier.mergedWith(candidate)
              : candidate.withSeqOf(earlier).mergedWith(earlier);
      byKey.put(candidate.key(), merged);
      return Outcome.REPEATED;
    }
    if (earlier != null
        && Observation.REQUEST.equals(candidate.source())
        && Observation.WATCH.equals(earlier.source())) {
      // the watch can deliver a write before its answer is read; the answer carries the send
      // time, so it is the better record of the same write (its seq stays)
      byKey.put(candidate.key(), candidate.withSeqOf(earlier));
      return Outcome.IGNORED;
    }
    if (earlier != null) {
      if (candidate.count() > earlier.count()) {
        byKey.put(candidate.key(), earlier.repeatedBy(candidate));
        repeatedEvents++;
        return Outcome.REPEATED;
      }
      return Outcome.IGNORED;
    }
    byKey.put(candidate.key(), candidate.received(receivedAt));
    trim();
    return Outcome.ADDED;
  }

  synchronized List<Observation> snapshot() {
    return List.copyOf(new ArrayList<>(byKey.values()));
  }

  synchronized long dropped() {
    return dropped;
  }

  synchronized long repeatedEvents() {
    return repeatedEvents;
  }

  synchronized Observation get(String key) {
    return byKey.get(key);
  }

  private void trim() {
    Iterator<Map.Entry<String, Observation>> oldest = byKey.entrySet().iterator();
    while (byKey.size() > limit && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
      dropped++;
      droppedTotal.increment();
    }
  }
}
