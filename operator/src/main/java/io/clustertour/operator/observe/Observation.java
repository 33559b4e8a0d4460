package io.clustertour.operator.observe;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One thing the cluster did, as the operator received it: an Event, a silent object change seen on
 * a watch, or an Inventory finding.
 *
 * @param seq global receive order (1, 2, ...); 0 until {@link #received} stamps it
 * @param receivedAt operator clock when received, millisecond precision
 * @param namespace namespace it belongs to ({@code null} for Inventory findings)
 * @param source {@link #EVENT}, {@link #WATCH}, {@link #REQUEST} or {@link #INVENTORY}
 * @param reason event reason or silent-step name such as {@code PodBound}
 * @param component component that acted
 * @param kind kind of the involved object
 * @param name name of the involved object
 * @param uid uid of the involved object (may be {@code null})
 * @param message short description, at most {@link #MESSAGE_LIMIT} characters
 * @param time the step's time on the acting component's own clock (eventTime, an object's own
 *     timestamps, or for the operator's requests the moment it sent them); {@code null} when the
 *     cluster gives none, then only {@code receivedAt} bounds it
 * @param precision precision of {@code time}: {@link #MICROS}, {@link #SECONDS} or {@link #MILLIS}
 * @param resourceVersion resourceVersion of the event or object when first seen (the etcd revision
 *     of that write)
 * @param count how often the event recorder counted it (1 for non-events)
 * @param series whether the event carries an events.k8s.io series
 * @param recovered replayed from informer caches (operator restart) rather than seen live
 * @param key stable identity: repeats of the same key update instead of adding
 * @param repeats how often the count grew after the observation was first recorded
 * @param via direct evidence merged into this record of one write: {@code audit} (the request as
 *     the API server audited it), {@code trace} (its etcd write as the API server traced it)
 * @param until when the act ended on the clock of {@code time} (an audited request's answer, a
 *     span's end), or {@code null} for an instant
 */
public record Observation(
    long seq,
    Instant receivedAt,
    String namespace,
    String source,
    String reason,
    String component,
    String kind,
    String name,
    String uid,
    String message,
    Instant time,
    String precision,
    String resourceVersion,
    int count,
    boolean series,
    boolean recovered,
    String key,
    int repeats,
    List<String> via,
    Instant until) {

  public static final String EVENT = "event";
  public static final String WATCH = "watch";
  public static final String INVENTORY = "inventory";

  /** The operator's own write, recorded from the API server's response. */
  public static final String REQUEST = "request";

  public static final String MICROS = "us";
  public static final String SECONDS = "s";
  public static final String MILLIS = "ms";

  // room for a message with its audited request and etcd write merged in
  public static final int MESSAGE_LIMIT = 512;

  static final String AUDIT_SOURCE = "audit";

  private static final AtomicLong SEQ = new AtomicLong();

  public Observation {
    receivedAt = receivedAt == null ? null : receivedAt.truncatedTo(ChronoUnit.MILLIS);
    message = shorten(message);
    if (time == null) {
      precision = null;
    }
    count = Math.max(1, count);
    via = via == null ? List.of() : List.copyOf(via);
  }

  /** An observation with no direct evidence merged in. */
  public Observation(
      long seq,
      Instant receivedAt,
      String namespace,
      String source,
      String reason,
      String component,
      String kind,
      String name,
      String uid,
      String message,
      Instant time,
      String precision,
      String resourceVersion,
      int count,
      boolean series,
      boolean recovered,
      String key,
      int repeats) {
    this(
        seq,
        receivedAt,
        namespace,
        source,
        reason,
        component,
        kind,
        name,
        uid,
        message,
        time,
        precision,
        resourceVersion,
        count,
        series,
        recovered,
        key,
        repeats,
        List.of(),
        null);
  }

  /** Next value of the global receive-order counter shared by every observation source. */
  public static long nextSeq() {
    return SEQ.incrementAndGet();
  }

  /** Copy stamped with the next global seq, as received at {@code at}. */
  public Observation received(Instant at) {
    Copy c = new Copy(this);
    c.seq = nextSeq();
    c.receivedAt = at;
    return c.build();
  }

  /**
   * Copy of this (earlier) observation updated by a later sighting of the same event whose count
   * grew: keeps seq, receive time, own time and the first write's resourceVersion, so its place in
   * the order does not move.
   */
  public Observation repeatedBy(Observation later) {
    Copy c = new Copy(this);
    c.message = later.message;
    c.count = later.count;
    c.series = series || later.series;
    c.repeats = repeats + 1;
    return c.build();
  }

  /**
   * This observation in place of {@code earlier}, the watch's record of the same write: its seq,
   * and the earlier of the two receive times (both bound the write from above).
   */
  Observation withSeqOf(Observation earlier) {
    Copy c = new Copy(this);
    c.seq = earlier.seq;
    c.receivedAt = earliest(earlier.receivedAt, receivedAt);
    return c.build();
  }

  /**
   * This record of a write with {@code direct} evidence of the same write merged in (its audited
   * request or its traced etcd write, see {@code Interactions}): keeps seq, revision, reason,
   * component and key; takes the API server's microsecond time unless this is the operator's own
   * request (its send time is on the operator's clock, which orders it before its answer).
   */
  Observation mergedWith(Observation direct) {
    boolean takeTime =
        !REQUEST.equals(source) && !AUDIT_SOURCE.equals(source) && !via.contains(AUDIT_SOURCE);
    Copy c = new Copy(this);
    c.via = new java.util.ArrayList<>(via);
    for (String more : direct.sources()) {
      if (!more.equals(source) && !c.via.contains(more)) {
        c.via.add(more);
      }
    }
    c.receivedAt = earliest(direct.receivedAt, receivedAt);
    c.uid = uid != null ? uid : direct.uid;
    c.message = message + " · " + direct.message;
    if (takeTime) {
      c.time = direct.time;
      c.precision = direct.precision;
      c.until = direct.until;
    }
    return c.build();
  }

  /** This observation about the object with {@code uid}, under {@code key}. */
  Observation withIdentity(String uid, String key) {
    Copy c = new Copy(this);
    c.uid = uid;
    c.key = key;
    return c.build();
  }

  /** This observation of an act that ended at {@code end} (same clock as its time). */
  Observation endingAt(Instant end) {
    Copy c = new Copy(this);
    c.until = end;
    return c.build();
  }

  private static Instant earliest(Instant a, Instant b) {
    return a != null && (b == null || a.isBefore(b)) ? a : b;
  }

  /** The fields a copy may change; what the observation is about stays. */
  private static final class Copy {
    private final Observation of;
    long seq;
    Instant receivedAt;
    String uid;
    String message;
    Instant time;
    String precision;
    int count;
    boolean series;
    String key;
    int repeats;
    List<String> via;
    Instant until;

    Copy(Observation of) {
      this.of = of;
      seq = of.seq;
      receivedAt = of.receivedAt;
      uid = of.uid;
      message = of.message;
      time = of.time;
      precision = of.precision;
      count = of.count;
      series = of.series;
      key = of.key;
      repeats = of.repeats;
      via = of.via;
      until = of.until;
    }

    Observation build() {
      return new Observation(
          seq,
          receivedAt,
          of.namespace,
          of.source,
          of.reason,
          of.component,
          of.kind,
          of.name,
          uid,
          message,
          time,
          precision,
          of.resourceVersion,
          count,
          series,
          of.recovered,
          key,
          repeats,
          via,
          until);
    }
  }

  /** Its source and the sources merged into it. */
  /** The resourceVersion as an etcd revision; null when absent or not an integer (not etcd). */
  public Long revision() {
    if (resourceVersion == null) {
      return null;
    }
    try {
      return Long.parseLong(resourceVersion);
    } catch (NumberFormatException notEtcd) {
      return null;
    }
  }

  List<String> sources() {
    List<String> all = new java.util.ArrayList<>();
    all.add(source);
    all.addAll(via);
    return all;
  }

  /** Whether this record comes from the evidence receivers only (no watch, Event or answer). */
  boolean isDirectOnly() {
    return AUDIT_SOURCE.equals(source) || "trace".equals(source);
  }

  /** The involved object as Kind/name. */
  public String object() {
    return kind + "/" + name;
  }

  static String shorten(String text) {
    if (text == null) {
      return null;
    }
    String oneLine = text.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= MESSAGE_LIMIT
        ? oneLine
        : oneLine.substring(0, MESSAGE_LIMIT - 1) + "…";
  }
}
