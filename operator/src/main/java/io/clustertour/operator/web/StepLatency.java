package io.clustertour.operator.web;

import io.clustertour.operator.api.FlowStepResult;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.api.TimelineEntry;
import io.clustertour.operator.observe.Times;
import java.time.Duration;
import java.time.Instant;

/**
 * When a flow step happened after its stop started: on the acting component's own µs clock when its
 * evidence carries one, else when the operator received the evidence. Pure.
 */
final class StepLatency {
  /** The component's own µs time (events.k8s.io eventTime) minus the stop's start. */
  static final String CLUSTER = "cluster";

  /** The operator's watch-receive time minus the stop's start: an upper bound. */
  static final String WATCH = "watch";

  private StepLatency() {}

  /** One histogram sample and the clock it was read on. */
  record Sample(Duration latency, String clock) {}

  /** {@code null} when the step has no evidence with an offset. */
  static Sample of(FlowStepResult step, StopStatus stop) {
    if (step.offsetMs == null) {
      return null;
    }
    TimelineEntry evidence = evidence(stop, step.evidenceSeq);
    Instant start = Times.parse(stop.startedAt);
    // A second-precision own time is coarser than the ms receive time, so only µs replaces it.
    if (evidence != null && "us".equals(evidence.precision) && start != null) {
      Instant at = Times.parse(evidence.time);
      if (at != null) {
        Duration d = Duration.between(start, at);
        // the stop start is the operator's clock: a component clock slightly behind it is skew
        return new Sample(d.isNegative() ? Duration.ZERO : d, CLUSTER);
      }
    }
    return new Sample(Duration.ofMillis(Math.max(0, step.offsetMs)), WATCH);
  }

  private static TimelineEntry evidence(StopStatus stop, Long seq) {
    if (seq == null || stop.timeline == null) {
      return null;
    }
    return stop.timeline.stream().filter(e -> seq.equals(e.seq)).findFirst().orElse(null);
  }
}
