package io.clustertour.operator.compare;

import io.clustertour.operator.api.TimelineEntry;

/** Builds hand-made timeline entries for tests. */
final class Entries {
  private Entries() {}

  static TimelineEntry entry(
      long seq,
      String source,
      String component,
      String reason,
      String object,
      String time,
      String precision) {
    TimelineEntry e = new TimelineEntry();
    e.seq = seq;
    e.source = source;
    e.component = component;
    e.reason = reason;
    e.object = object;
    e.time = time;
    e.precision = precision;
    e.offsetMs = seq * 100;
    return e;
  }

  /** An Event entry. */
  static TimelineEntry event(
      long seq, String component, String reason, String object, String time, String precision) {
    return entry(seq, "event", component, reason, object, time, precision);
  }

  /** A silent step seen on a watch, stamped with the receive time and a resourceVersion. */
  static TimelineEntry watch(
      long seq, String component, String reason, String object, String time) {
    TimelineEntry e = entry(seq, "watch", component, reason, object, time, "ms");
    e.resourceVersion = String.valueOf(1000 + seq);
    return e;
  }

  /** A fact read by the Inventory stop. */
  static TimelineEntry inventory(long seq, String component, String reason) {
    return entry(seq, "inventory", component, reason, null, "2025-01-01T12:00:00.000Z", "ms");
  }
}
