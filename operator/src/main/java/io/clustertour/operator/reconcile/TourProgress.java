package io.clustertour.operator.reconcile;

import io.clustertour.operator.act.ActResult;
import io.clustertour.operator.api.ClusterTourStatus;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopState;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.observe.InventoryResult;
import io.clustertour.operator.observe.Observation;
import io.clustertour.operator.observe.TimelineBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The stop state machine: Pending → Running → Completed | Diverged | TimedOut | Failed, one stop at
 * a time, in spec order. Everything it needs comes from the stored status, the {@link ClusterView}
 * and the {@link StopStarter}, so it resumes wherever an earlier operator left off.
 */
final class TourProgress {
  private boolean awaitingEvidence;
  private final TourPlan plan;
  private final ClusterView view;
  private final StopStarter starter;
  private final StopGrading grading;
  private final Clock clock;

  TourProgress(
      TourPlan plan, ClusterView view, StopStarter starter, StopGrading grading, Clock clock) {
    this.plan = plan;
    this.view = view;
    this.starter = starter;
    this.grading = grading;
    this.clock = clock;
  }

  /**
   * Moves the tour as far as the cluster allows now: judges the current stop and, each time one
   * ends, starts the next. Stops at the first stop that is still running.
   */
  void advance(ClusterTourStatus status) {
    // each stop is started and judged at most once per call
    for (int i = 0; i <= status.stops.size(); i++) {
      Optional<StopStatus> current = TourSummary.current(status.stops);
      if (current.isEmpty()) {
        return;
      }
      StopStatus s = current.get();
      Stop stop = plan.stop(s.name).orElseThrow();
      if (StopState.of(s.state) == StopState.Pending) {
        start(stop, s, status);
        if (StopState.of(s.state) == StopState.Pending) {
          return;
        }
      }
      if (StopState.of(s.state) == StopState.Running) {
        judge(stop, s);
      }
      if (StopState.of(s.state) == StopState.Running) {
        return;
      }
    }
  }

  private void start(Stop stop, StopStatus s, ClusterTourStatus status) {
    Instant now = clock.instant();
    s.state = StopState.Running;
    s.startedAt = StatusTimes.millis(now);
    s.finishedAt = null;
    s.reason = null;
    s.message = null;
    Optional<TourPlan.Blocker> blocked = blocker(stop, status);
    if (blocked.isPresent()) {
      finish(s, StopState.Failed, blocked.get().reason(), blocked.get().message());
      return;
    }
    StopStarter.Started started = starter.start(stop, s);
    ActResult act = started.act();
    if (act.notYet() || act.chosen()) {
      // not started after all: the stop waits, Pending, and is tried again (at once after a
      // choice, which must be stored in the status before the action it prepares)
      s.state = StopState.Pending;
      s.startedAt = null;
      s.reason = act.reason();
      s.message = act.message();
      return;
    }
    if (act.failed()) {
      finish(s, StopState.Failed, act.reason(), act.message());
      return;
    }
    s.message = act.message();
    if (started.inventory() != null) {
      completeInventory(stop, s, status, started.inventory());
    }
  }

  private void completeInventory(
      Stop stop, StopStatus s, ClusterTourStatus status, InventoryResult inventory) {
    status.cluster = inventory.cluster();
    finish(
        s,
        StopState.Completed,
        "Completed",
        "read the cluster: "
            + inventory.cluster().serverVersion
            + ", "
            + inventory.cluster().nodeCount
            + " node(s), distribution "
            + inventory.cluster().distribution);
    grading.grade(stop, s, inventory.timeline(), ClusterSnapshot.empty());
  }

  private void judge(Stop stop, StopStatus s) {
    Instant start = StatusTimes.parse(s.startedAt);
    if (start == null) {
      // a hand-edited status: restart the clock rather than time out at once
      start = clock.instant();
      s.startedAt = StatusTimes.millis(start);
    }
    ClusterSnapshot snapshot = view.snapshot(stop);
    // in this order: what the record is vouched to hold must be read after the vouching
    boolean recorded = view.recorded(stop, snapshot);
    List<Observation> observations = view.observations();
    List<Observation> window = TimelineBuilder.window(observations, start, null);
    Judgement judgement =
        StopJudge.judge(stop, snapshot, window, start, plan.namespaceOf(stop).orElse(null));
    judgement = StopJudge.onceRecorded(judgement, recorded);
    Instant lastSeen = window.isEmpty() ? start : window.get(window.size() - 1).receivedAt();
    boolean wasFinal = !judgement.isWaiting();
    judgement = StopJudge.onceEvidenceArrived(judgement, view.evidenceCaughtUp(lastSeen));
    awaitingEvidence |= wasFinal && judgement.isWaiting();
    judgement = StopJudge.withDeadline(judgement, start, plan.timeout(stop), clock.instant());
    if (!judgement.isWaiting()) {
      finish(s, judgement.state(), judgement.reason(), judgement.message());
    } else if (!StopJudge.RECORDING.equals(judgement.reason())) {
      s.reason = judgement.reason();
      s.message = judgement.message();
    }
    // else the stop keeps saying what it last waited for: the record is a few ms behind and its
    // own notification brings the next pass; a status write for that moment would be noise
    grading.grade(stop, s, observations, snapshot);
  }

  /** Why the spec order or an earlier failed stop makes this stop impossible, if they do. */
  private Optional<TourPlan.Blocker> blocker(Stop stop, ClusterTourStatus status) {
    Optional<TourPlan.Blocker> order = plan.orderProblem(stop);
    if (order.isPresent()) {
      return order;
    }
    for (Stop needed : plan.prerequisites(stop)) {
      Optional<StopStatus> done =
          status.stops.stream().filter(x -> needed.name.equals(x.name)).findFirst();
      if (done.isPresent() && StopState.of(done.get().state) == StopState.Failed) {
        return Optional.of(
            new TourPlan.Blocker(
                "PrerequisiteFailed",
                "stop "
                    + needed.name
                    + " ended Failed ("
                    + done.get().reason
                    + "), so this stop has nothing of the tour's to work on"));
      }
    }
    return Optional.empty();
  }

  /** Whether a stop that has ended waits for the evidence receivers (look again shortly). */
  boolean awaitingEvidence() {
    return awaitingEvidence;
  }

  private void finish(StopStatus s, StopState state, String reason, String message) {
    s.state = state;
    s.reason = reason;
    s.message = message;
    s.finishedAt = StatusTimes.millis(clock.instant());
  }
}
