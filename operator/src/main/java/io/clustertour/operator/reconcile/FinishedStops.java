package io.clustertour.operator.reconcile;

import io.clustertour.operator.api.ClusterTourStatus;
import io.clustertour.operator.api.StopState;
import io.clustertour.operator.api.StopStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Stops that reached a final state between two statuses, for metrics. Pure. */
final class FinishedStops {
  private FinishedStops() {}

  static List<StopStatus> between(ClusterTourStatus before, ClusterTourStatus after) {
    return after.stops.stream()
        .filter(s -> StopState.of(s.state).isFinal())
        .filter(s -> !StopState.of(stateBefore(before, s)).isFinal())
        .toList();
  }

  static Duration duration(StopStatus s) {
    Instant start = StatusTimes.parse(s.startedAt);
    Instant end = StatusTimes.parse(s.finishedAt);
    return start == null || end == null ? Duration.ZERO : Duration.between(start, end);
  }

  private static StopState stateBefore(ClusterTourStatus before, StopStatus now) {
    if (before == null || before.stops == null) {
      return null;
    }
    return before.stops.stream()
        .filter(s -> now.name.equals(s.name) && Objects.equals(now.type, s.type))
        .findFirst()
        .map(s -> s.state)
        .orElse(null);
  }
}
