package io.clustertour.operator.reconcile;

import io.clustertour.operator.api.ClusterTourStatus;
import io.clustertour.operator.api.EvidenceSource;
import io.clustertour.operator.api.StopState;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.api.TourState;
import io.clustertour.operator.compare.FlowMatcher;
import io.clustertour.operator.compare.VerdictCounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tour-level parts of the status, derived from the stops only: overall state, "2/5", verdict
 * counts, the one-line summary and the three conditions. Pure.
 */
final class TourSummary {
  static final int SUMMARY_LIMIT = 300;

  private TourSummary() {}

  /** Fills everything but the stops, cluster and evidence, from them. */
  static void apply(ClusterTourStatus status, Long generation, Instant now) {
    List<StopStatus> stops = status.stops;
    status.observedGeneration = generation;
    status.state = overallState(stops);
    status.stopsDone = finished(stops) + "/" + stops.size();
    status.verdictSummary = verdicts(stops, false).summary();
    status.currentStop = current(stops).map(s -> s.name).orElse(null);
    status.evidenceLevel = evidenceLevel(status.evidence);
    status.summary = shorten(oneLine(stops));
    status.conditions =
        TourConditions.merge(
            status.conditions,
            List.of(ready(stops), completed(stops), matchesDocumentation(stops)),
            generation,
            now);
  }

  /** direct when any direct source is available, observed when only the others are. */
  static String evidenceLevel(List<EvidenceSource> sources) {
    if (sources == null || sources.isEmpty()) {
      return null;
    }
    boolean direct =
        sources.stream()
            .anyMatch(e -> FlowMatcher.DIRECT.equals(e.level) && Boolean.TRUE.equals(e.available));
    return direct ? FlowMatcher.DIRECT : FlowMatcher.OBSERVED;
  }

  static TourState overallState(List<StopStatus> stops) {
    if (stops.stream().allMatch(s -> state(s) == StopState.Pending)) {
      return TourState.Pending;
    }
    if (stops.stream().anyMatch(s -> !state(s).isFinal())) {
      return TourState.Running;
    }
    if (stops.stream().anyMatch(s -> state(s) == StopState.Failed)) {
      return TourState.Failed;
    }
    if (stops.stream().anyMatch(s -> state(s) != StopState.Completed)) {
      return TourState.Diverged;
    }
    return TourState.Completed;
  }

  static TourConditions.Desired ready(List<StopStatus> stops) {
    Optional<StopStatus> failed =
        stops.stream().filter(s -> state(s) == StopState.Failed).findFirst();
    if (failed.isPresent()) {
      StopStatus f = failed.get();
      return new TourConditions.Desired(
          TourConditions.READY, "False", "StopFailed", f.name + ": " + f.reason + ": " + f.message);
    }
    boolean done = stops.stream().allMatch(s -> state(s).isFinal());
    return done
        ? new TourConditions.Desired(
            TourConditions.READY, "True", "Finished", "every stop ran; see Completed for outcomes")
        : new TourConditions.Desired(
            TourConditions.READY,
            "True",
            "Running",
            current(stops).map(TourSummary::describe).orElse(""));
  }

  static TourConditions.Desired completed(List<StopStatus> stops) {
    String count = finished(stops) + "/" + stops.size() + " stops finished";
    return stops.stream().allMatch(s -> state(s).isFinal())
        ? new TourConditions.Desired(TourConditions.COMPLETED, "True", "AllStopsFinished", count)
        : new TourConditions.Desired(TourConditions.COMPLETED, "False", "StopsRemaining", count);
  }

  /**
   * False as soon as a finished stop (or the running one, for final verdicts) disagrees with the
   * documentation; True once every stop finished in agreement; Unknown meanwhile. Missing steps of
   * a running stop may still appear, so they do not count yet.
   */
  static TourConditions.Desired matchesDocumentation(List<StopStatus> stops) {
    VerdictCounts finished = verdicts(stops, true);
    VerdictCounts running =
        current(stops).map(s -> VerdictCounts.of(s.flow)).orElse(VerdictCounts.NONE);
    VerdictCounts all = verdicts(stops, false);
    String type = TourConditions.MATCHES_DOCUMENTATION;
    if (finished.contradicted() + running.contradicted() > 0) {
      return new TourConditions.Desired(type, "False", "Contradicted", all.summary());
    }
    if (finished.outOfOrder() + running.outOfOrder() > 0) {
      return new TourConditions.Desired(type, "False", "OutOfOrder", all.summary());
    }
    if (finished.missing() > 0) {
      return new TourConditions.Desired(type, "False", "Missing", all.summary());
    }
    if (stops.stream().allMatch(s -> state(s).isFinal())) {
      return new TourConditions.Desired(type, "True", "AsDocumented", all.summary());
    }
    return new TourConditions.Desired(type, "Unknown", "InProgress", all.summary());
  }

  /** Verdict counts over all stops, or over finished stops only. */
  static VerdictCounts verdicts(List<StopStatus> stops, boolean finishedOnly) {
    VerdictCounts total = VerdictCounts.NONE;
    for (StopStatus s : stops) {
      if (s.flow != null && (!finishedOnly || state(s).isFinal())) {
        total = total.plus(VerdictCounts.of(s.flow));
      }
    }
    return total;
  }

  static String oneLine(List<StopStatus> stops) {
    Optional<StopStatus> current = current(stops);
    if (current.isPresent()) {
      int index = stops.indexOf(current.get()) + 1;
      return "Stop " + index + "/" + stops.size() + " " + describe(current.get());
    }
    List<String> parts = new ArrayList<>();
    for (StopState state :
        List.of(StopState.Completed, StopState.Diverged, StopState.TimedOut, StopState.Failed)) {
      List<StopStatus> in = stops.stream().filter(s -> state(s) == state).toList();
      if (in.isEmpty()) {
        continue;
      }
      String part = in.size() + " " + words(state);
      if (state != StopState.Completed) {
        part +=
            " (" + String.join(", ", in.stream().map(s -> s.name + ": " + s.reason).toList()) + ")";
      }
      parts.add(part);
    }
    return "All "
        + stops.size()
        + " stops finished: "
        + String.join(", ", parts)
        + "; "
        + verdicts(stops, false).summary();
  }

  private static String describe(StopStatus s) {
    String text = s.name + " (" + s.type + ") " + state(s).name().toLowerCase();
    return s.message == null || s.message.isBlank() ? text : text + ": " + s.message;
  }

  private static String words(StopState state) {
    return switch (state) {
      case TimedOut -> "timed out";
      default -> state.name().toLowerCase();
    };
  }

  /** The first stop not in a final state. */
  static Optional<StopStatus> current(List<StopStatus> stops) {
    return stops.stream().filter(s -> !state(s).isFinal()).findFirst();
  }

  static long finished(List<StopStatus> stops) {
    return stops.stream().filter(s -> state(s).isFinal()).count();
  }

  private static StopState state(StopStatus s) {
    return StopState.of(s.state);
  }

  private static String shorten(String text) {
    return text.length() <= SUMMARY_LIMIT ? text : text.substring(0, SUMMARY_LIMIT - 1) + "…";
  }
}
