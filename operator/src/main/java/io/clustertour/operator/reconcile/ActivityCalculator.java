package io.clustertour.operator.reconcile;

import io.clustertour.operator.api.ActivitySpan;
import io.clustertour.operator.observe.Observation;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

/**
 * How long the cluster was busy in a stop: first to last evidence of its window, on each entry's
 * own cluster time where it has one. The stop's startedAt→finishedAt also holds the operator's
 * waits and rechecks, which say nothing about the cluster. Pure.
 */
final class ActivityCalculator {
  private ActivityCalculator() {}

  /** One observation placed on the best clock known for it. */
  private record Placed(Observation o, Instant at, String precision) {}

  /** {@code null} when the window holds no cluster evidence (e.g. an Inventory stop). */
  static ActivitySpan of(List<Observation> window) {
    List<Observation> evidence =
        window.stream().filter(o -> !Observation.INVENTORY.equals(o.source())).toList();
    List<Placed> placed =
        evidence.stream().map(ActivityCalculator::place).filter(p -> p.at() != null).toList();
    if (placed.isEmpty()) {
      return null;
    }
    // a whole-second time lies anywhere in its second: next to one, finer times are compared by
    // their second only, and the etcd revision (then the receive order) decides within it; else a
    // 10:00:00Z ConfigMap opened a span its own Namespace's creation at 10:00:00.206 had started
    boolean seconds = placed.stream().anyMatch(p -> Observation.SECONDS.equals(p.precision()));
    Comparator<Placed> order =
        Comparator.comparing(
                (Placed p) -> seconds ? p.at().truncatedTo(ChronoUnit.SECONDS) : p.at())
            .thenComparing(p -> p.o().revision(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingLong(p -> p.o().seq());
    Placed first = placed.stream().min(order).orElseThrow();
    Placed last = placed.stream().max(order).orElseThrow();
    ActivitySpan a = new ActivitySpan();
    a.precision = Precision.coarser(first.precision(), last.precision());
    a.ms = Precision.millisBetween(first.at(), last.at(), a.precision);
    a.firstSeq = first.o().seq();
    a.lastSeq = last.o().seq();
    // replayed entries were received at the replay, not when they happened
    List<Instant> received =
        evidence.stream()
            .filter(o -> !o.recovered() && o.receivedAt() != null)
            .map(Observation::receivedAt)
            .toList();
    if (!received.isEmpty()) {
      Instant from = received.stream().min(Comparator.naturalOrder()).orElseThrow();
      Instant to = received.stream().max(Comparator.naturalOrder()).orElseThrow();
      a.watchMs = Duration.between(from, to).toMillis();
    }
    return a;
  }

  private static Placed place(Observation o) {
    if (Precision.isOwnTime(o.precision()) && o.time() != null) {
      return new Placed(o, o.time(), o.precision());
    }
    if (Observation.REQUEST.equals(o.source()) && o.time() != null) {
      // the operator's own request: when it was sent, which is when the stop's activity began
      return new Placed(o, o.time(), Observation.MILLIS);
    }
    return new Placed(o, o.receivedAt(), Observation.MILLIS);
  }
}
