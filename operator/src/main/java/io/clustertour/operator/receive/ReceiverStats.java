package io.clustertour.operator.receive;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one receiver: what arrived, what was kept for a tour, and what was turned away or
 * dropped, by reason. Read by metrics and by the tours' evidence-source lines.
 */
public final class ReceiverStats {
  /** Every reason a receiver turns something away for (the metrics' {@code reason} label). */
  public static final java.util.List<String> REASONS =
      java.util.List.of(
          "malformed", "too-large", "too-many-spans", "incomplete-record", "sink-error");

  private final LongAdder received = new LongAdder();
  private final LongAdder kept = new LongAdder();
  private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
  private volatile long lastReceivedMillis;
  private final java.util.Set<String> senders = ConcurrentHashMap.newKeySet();

  /** {@code n} items (records or spans) arrived in one accepted batch. */
  public void received(int n) {
    received.add(n);
    lastReceivedMillis = System.currentTimeMillis();
  }

  /** {@code n} items were handed on because they concern a tour. */
  public void kept(int n) {
    kept.add(n);
  }

  /**
   * A batch or item was turned away or dropped, e.g. "too-large", "malformed", "no-client-cert".
   */
  public void rejected(String reason) {
    rejected.computeIfAbsent(reason, r -> new LongAdder()).increment();
  }

  /** How many were turned away for {@code reason}. */
  public long rejectedFor(String reason) {
    LongAdder n = rejected.get(reason);
    return n == null ? 0 : n.sum();
  }

  /** A component (a span exporter's service.name) sent something. */
  public void sender(String name) {
    if (name != null && senders.size() < 16) {
      senders.add(name);
    }
  }

  /** The components that have sent something, sorted. */
  public java.util.SortedSet<String> senders() {
    return new java.util.TreeSet<>(senders);
  }

  public long received() {
    return received.sum();
  }

  public long kept() {
    return kept.sum();
  }

  /** Rejections by reason, sorted by reason. */
  public Map<String, Long> rejected() {
    Map<String, Long> out = new TreeMap<>();
    rejected.forEach((reason, n) -> out.put(reason, n.sum()));
    return out;
  }

  /** When the last accepted batch arrived (epoch ms), 0 if never. */
  public long lastReceivedMillis() {
    return lastReceivedMillis;
  }
}
