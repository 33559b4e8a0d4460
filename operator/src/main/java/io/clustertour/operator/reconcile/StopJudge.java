package io.clustertour.operator.reconcile;

import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopState;
import io.clustertour.operator.observe.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Decides whether a running stop is done, has diverged from the documented flow or still waits (and
 * for what): its {@link StopKind} judges, then the recording and the deadline rules apply to every
 * kind alike. A pure function of the stop, a cache snapshot and the stop window's observations, so
 * every transition can be tested without a cluster.
 */
public final class StopJudge {
  private StopJudge() {}

  /** The verdict on a running stop, ignoring its deadline (see {@link #withDeadline}). */
  public static Judgement judge(
      Stop stop,
      ClusterSnapshot snapshot,
      List<Observation> window,
      Instant startedAt,
      String namespace) {
    return StopKind.of(stop)
        .judge(stop, new StopKind.Window(snapshot, window, startedAt, namespace));
  }

  /** Reason of a stop that looks ended while the watcher has not recorded all it shows yet. */
  public static final String RECORDING = "RecordingBehind";

  /**
   * An end (Completed, Diverged) only once the watcher has recorded the cache state it was judged
   * on ({@code recorded}); until then the stop waits, so its timeline and verdicts are graded on
   * the same view that ended it. The watcher's notification after recording wakes the tour.
   */
  public static Judgement onceRecorded(Judgement judgement, boolean recorded) {
    if (judgement.isWaiting() || recorded) {
      return judgement;
    }
    return Judgement.waiting(
        RECORDING,
        "looks "
            + judgement.state()
            + " on the watch caches; waiting for the watcher to record what it shows: "
            + judgement.message());
  }

  /**
   * An end only once the evidence receivers caught up with what the end was judged on: the audit
   * batch and spans of the last writes arrive a little after their watch notifications.
   */
  public static Judgement onceEvidenceArrived(Judgement judgement, boolean caughtUp) {
    if (judgement.isWaiting() || caughtUp) {
      return judgement;
    }
    return Judgement.waiting(
        RECORDING,
        "looks "
            + judgement.state()
            + "; waiting for the audit stream and traces of its last writes: "
            + judgement.message());
  }

  /** Turns a still-waiting judgement into TimedOut once the stop's time is up. */
  public static Judgement withDeadline(
      Judgement judgement, Instant startedAt, Duration timeout, Instant now) {
    if (!judgement.isWaiting() || now.isBefore(startedAt.plus(timeout))) {
      return judgement;
    }
    return new Judgement(
        StopState.TimedOut,
        judgement.reason(),
        "timed out after " + timeout.toSeconds() + "s: " + judgement.message());
  }
}
