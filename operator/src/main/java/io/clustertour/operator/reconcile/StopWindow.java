package io.clustertour.operator.reconcile;

import io.clustertour.operator.observe.Observation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

/**
 * The observations that belong to one stop: received between its start and end, or for recovered
 * observations (operator restart) placed by their own time. Same placement rule as {@link
 * io.clustertour.operator.observe.TimelineBuilder}, but keeps the observations themselves,
 * uncapped, for the judge and the latencies.
 */
final class StopWindow {
  private StopWindow() {}

  static List<Observation> of(List<Observation> observations, Instant start, Instant end) {
    return observations.stream()
        .filter(o -> within(o, start, end))
        .sorted(Comparator.comparingLong(Observation::seq))
        .toList();
  }

  private static boolean within(Observation o, Instant start, Instant end) {
    Instant at = o.recovered() ? o.time() : o.receivedAt();
    if (at == null) {
      return false;
    }
    Instant from = start;
    if (o.recovered() && Observation.SECONDS.equals(o.precision())) {
      from = start.truncatedTo(ChronoUnit.SECONDS);
    }
    return !at.isBefore(from) && (end == null || !at.isAfter(end));
  }
}
