package io.clustertour.operator.reconcile;

import io.clustertour.operator.api.ClusterTourSpec.Language;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopState;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.compare.FlowCatalog;
import io.clustertour.operator.compare.FlowMatcher;
import io.clustertour.operator.observe.Observation;
import io.clustertour.operator.observe.TimelineBuilder;
import io.clustertour.operator.observe.TimelineResult;
import java.time.Instant;
import java.util.List;

/**
 * Fills a stop's timeline, flow verdicts and latencies from its observations: observe's
 * TimelineBuilder, then compare's FlowMatcher (the learner's expectedFlow, when given, replaces the
 * shipped flow). Pure.
 */
final class StopGrading {
  private final FlowCatalog catalog;
  private final Language language;

  StopGrading(FlowCatalog catalog, Language language) {
    this.catalog = catalog;
    this.language = language == null ? Language.en : language;
  }

  /**
   * Why the stop ended before its flow could complete, for NotReached verdicts; null while it runs
   * or when it completed (then a step not seen is Missing).
   */
  static String divergence(StopStatus s) {
    StopState state = StopState.of(s.state);
    if (state == StopState.Diverged || state == StopState.TimedOut || state == StopState.Failed) {
      return state.name() + (s.reason == null ? "" : ": " + s.reason);
    }
    return null;
  }

  /** Grades {@code s} over the observations of its window (start to finish, or to now). */
  void grade(Stop stop, StopStatus s, List<Observation> observations, ClusterSnapshot snapshot) {
    Instant start = StatusTimes.parse(s.startedAt);
    if (start == null) {
      return;
    }
    Instant end = StatusTimes.parse(s.finishedAt);
    TimelineResult timeline = TimelineBuilder.build(observations, start, end, TimelineBuilder.CAP);
    s.timeline = timeline.entries();
    s.ordering = timeline.revisions().describe();
    s.droppedEntries = timeline.dropped() > 0 ? timeline.dropped() : null;
    s.repeatedEvents = timeline.repeated() > 0 ? timeline.repeated() : null;
    s.flow = FlowMatcher.grade(catalog.flowFor(stop), timeline.entries(), language, divergence(s));
    List<Observation> window = TimelineBuilder.window(observations, start, end);
    s.activity = ActivityCalculator.of(window);
    if (StopKind.of(stop).measuresPods()) {
      s.latencies = LatencyCalculator.of(window, snapshot.pods());
    }
  }
}
