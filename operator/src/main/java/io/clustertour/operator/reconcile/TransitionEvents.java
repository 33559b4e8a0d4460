package io.clustertour.operator.reconcile;

import io.clustertour.operator.api.ClusterTourStatus;
import io.clustertour.operator.api.StopState;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.compare.VerdictCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kubernetes Events a status change deserves: derived from stop state transitions between the
 * stored status and the new one, so an operator restart (which starts again from the stored status)
 * does not announce anything twice. Pure.
 */
final class TransitionEvents {
  static final String NORMAL = "Normal";
  static final String WARNING = "Warning";

  private TransitionEvents() {}

  /**
   * One Event about one stop of the tour.
   *
   * @param place the stop's place in the tour (1-based)
   */
  record TourEvent(int place, String stop, String type, String reason, String message) {}

  static List<TourEvent> between(ClusterTourStatus before, ClusterTourStatus after) {
    List<TourEvent> events = new ArrayList<>();
    int total = after.stops.size();
    for (int i = 0; i < total; i++) {
      StopStatus now = after.stops.get(i);
      StopState was = previousState(before, now);
      StopState is = StopState.of(now.state);
      if (was == is) {
        continue;
      }
      String label = "stop " + (i + 1) + "/" + total + " " + now.name + " (" + now.type + ")";
      if (was == StopState.Pending) {
        events.add(new TourEvent(i + 1, now.name, NORMAL, "StopStarted", label + " started"));
      }
      if (is.isFinal() && !was.isFinal()) {
        events.add(finished(i + 1, label, now, is));
      }
    }
    return events;
  }

  private static TourEvent finished(int place, String label, StopStatus s, StopState state) {
    String took = duration(s);
    String verdicts =
        s.flow == null || s.flow.isEmpty()
            ? ""
            : "; verdicts: " + VerdictCounts.of(s.flow).summary();
    String detail = s.reason + ": " + s.message;
    return switch (state) {
      case Completed ->
          new TourEvent(
              place,
              s.name,
              NORMAL,
              "StopCompleted",
              label + " completed" + took + ": " + s.message + verdicts);
      case Diverged ->
          new TourEvent(
              place,
              s.name,
              WARNING,
              "FlowDiverged",
              label + " diverged from the documented flow" + took + ": " + detail + verdicts);
      case TimedOut ->
          new TourEvent(
              place,
              s.name,
              WARNING,
              "StopTimedOut",
              label + " " + s.message + " (" + s.reason + ")" + verdicts);
      default -> new TourEvent(place, s.name, WARNING, "StopFailed", label + " failed: " + detail);
    };
  }

  private static StopState previousState(ClusterTourStatus before, StopStatus now) {
    if (before == null || before.stops == null) {
      return StopState.Pending;
    }
    return before.stops.stream()
        .filter(s -> now.name.equals(s.name) && java.util.Objects.equals(now.type, s.type))
        .findFirst()
        .map(s -> StopState.of(s.state))
        .orElse(StopState.Pending);
  }

  private static String duration(StopStatus s) {
    Instant start = StatusTimes.parse(s.startedAt);
    Instant end = StatusTimes.parse(s.finishedAt);
    if (start == null || end == null) {
      return "";
    }
    long ms = Duration.between(start, end).toMillis();
    return " in " + (ms / 1000) + "." + String.format("%03d", ms % 1000) + "s";
  }
}
