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
    // a pod named twice is one pod here; tests about several pods give their own UIDs
    e.uid = object != null && object.startsWith("Pod/") ? "uid-of-" + object.substring(4) : null;
    e.time = time;
    e.precision = precision;
    return e;
  }

  /** An Event entry, on its component's own clock. */
  static TimelineEntry event(
      long seq, String component, String reason, String object, String time, String precision) {
    return entry(seq, "event", component, reason, object, time, precision);
  }

  /**
   * A silent step seen live on a watch: received at {@code received}, a write at etcd revision 1000
   * + seq (tests that are about order set their own revisions).
   */
  static TimelineEntry watch(
      long seq, String component, String reason, String object, String received) {
    TimelineEntry e = entry(seq, "watch", component, reason, object, null, null);
    e.receivedAt = received;
    e.revision = 1000 + seq;
    e.resourceVersion = String.valueOf(e.revision);
    return e;
  }

  /** The same, about the pod with the given UID. */
  static TimelineEntry pod(
      long seq, String component, String reason, String pod, String uid, String received) {
    TimelineEntry e = watch(seq, component, reason, "Pod/" + pod, received);
    e.uid = uid;
    return e;
  }

  /** A fact read by the Inventory stop. */
  static TimelineEntry inventory(long seq, String component, String reason) {
    return entry(seq, "inventory", component, reason, null, null, null);
  }
}
