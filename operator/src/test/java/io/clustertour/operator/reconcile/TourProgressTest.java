package io.clustertour.operator.reconcile;

import static io.clustertour.operator.reconcile.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.act.ActResult;
import io.clustertour.operator.api.ClusterInfo;
import io.clustertour.operator.api.ClusterTourSpec.Language;
import io.clustertour.operator.api.ClusterTourStatus;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopState;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.compare.FlowCatalog;
import io.clustertour.operator.observe.InventoryResult;
import io.clustertour.operator.observe.Observation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TourProgressTest {
  final Stop nsStop = Fixtures.namespace("tour-ns");
  final Stop web = Fixtures.deployment("web", "tour-ns", 1);
  final Stop heal = Fixtures.deletePod("heal", "web");
  final TourPlan plan = Fixtures.plan(nsStop, web, heal);

  final MutableClock clock = new MutableClock(T0);
  final FakeCluster cluster = new FakeCluster();
  final List<String> started = new ArrayList<>();
  final Map<String, ActResult> actResults = new HashMap<>();

  TourProgress progress(TourPlan p) {
    StopStarter starter =
        (stop, status) -> {
          started.add(stop.name);
          return StopStarter.Started.of(
              actResults.getOrDefault(stop.name, ActResult.done("did " + stop.name)));
        };
    return new TourProgress(
        p, cluster, starter, new StopGrading(FlowCatalog.shipped(), Language.en), clock);
  }

  ClusterTourStatus fresh(TourPlan p) {
    return StatusAligner.align(p, null);
  }

  static StopStatus stop(ClusterTourStatus status, String name) {
    return status.stops.stream().filter(s -> s.name.equals(name)).findFirst().orElseThrow();
  }

  @Test
  void firstStopStartsRecordsItsStartAndWaitsForTheCluster() {
    ClusterTourStatus status = fresh(plan);

    progress(plan).advance(status);

    StopStatus ns = stop(status, "ns-tour-ns");
    assertEquals(StopState.Running, ns.state);
    assertEquals("2025-03-01T10:00:00.250Z", ns.startedAt);
    assertEquals("NamespaceNotSeen", ns.reason);
    assertEquals(List.of("ns-tour-ns"), started);
    assertEquals(StopState.Pending, stop(status, "web").state);
  }

  @Test
  void aFinishedStopHandsOverToTheNextInTheSameReconcile() {
    ClusterTourStatus status = fresh(plan);
    progress(plan).advance(status);
    cluster.snapshots.put(
        "ns-tour-ns",
        new ClusterSnapshot(
            Fixtures.activeNamespace("tour-ns"), true, true, null, null, null, null));
    cluster.observations.add(
        Fixtures.watch("kube-apiserver", "NamespaceCreated", "Namespace", "tour-ns", 40));
    clock.set(T0.plusMillis(1500));

    progress(plan).advance(status);

    StopStatus ns = stop(status, "ns-tour-ns");
    assertEquals(
        StopState.Completed, ns.state, "ended at the first pass that sees it, no confirmation");
    assertEquals("2025-03-01T10:00:01.750Z", ns.finishedAt);
    assertEquals(1, ns.timeline.size());
    assertTrue(!ns.flow.isEmpty(), "the shipped Namespace flow was graded");
    assertEquals(StopState.Running, stop(status, "web").state);
    assertEquals(List.of("ns-tour-ns", "web"), started);
  }

  @Test
  void aRunningStopIsNeverStartedTwice() {
    ClusterTourStatus status = fresh(plan);
    progress(plan).advance(status);

    progress(plan).advance(status);
    progress(plan).advance(status);

    assertEquals(List.of("ns-tour-ns"), started);
  }

  @Test
  void userFixableActFailureEndsTheStopFailedAndBlocksStopsThatBuildOnIt() {
    actResults.put(
        "ns-tour-ns", ActResult.failed("NamespaceNotOwned", "namespace tour-ns already exists"));
    ClusterTourStatus status = fresh(plan);

    progress(plan).advance(status);

    assertEquals(StopState.Failed, stop(status, "ns-tour-ns").state);
    assertEquals("NamespaceNotOwned", stop(status, "ns-tour-ns").reason);
    assertEquals(StopState.Failed, stop(status, "web").state);
    assertEquals("PrerequisiteFailed", stop(status, "web").reason);
    assertEquals(StopState.Failed, stop(status, "heal").state);
    assertEquals(
        List.of("ns-tour-ns"), started, "nothing was done in a namespace that is not ours");
    assertTrue(stop(status, "web").flow.isEmpty(), "a stop that never ran is not graded");
  }

  @Test
  void aStartThatMustWaitLeavesTheStopPendingAndTriesAgainLater() {
    actResults.put(
        "ns-tour-ns",
        ActResult.notYet("NamespaceTerminating", "namespace tour-ns is still being deleted"));
    ClusterTourStatus status = fresh(plan);

    progress(plan).advance(status);

    StopStatus ns = stop(status, "ns-tour-ns");
    assertEquals(StopState.Pending, ns.state);
    assertNull(ns.startedAt);
    assertEquals("NamespaceTerminating", ns.reason);
    assertEquals(List.of("ns-tour-ns"), started, "tried once per reconcile, nothing else started");
    assertEquals(
        ClusterTourReconciler.START_RETRY,
        ClusterTourReconciler.untilDeadline(plan, status, T0).orElseThrow());

    actResults.remove("ns-tour-ns");
    progress(plan).advance(status);
    assertEquals(StopState.Running, stop(status, "ns-tour-ns").state);
  }

  @Test
  void aStopUsingANamespaceCreatedOnlyLaterFailsWithoutActing() {
    TourPlan reversed = Fixtures.plan(web, nsStop);
    ClusterTourStatus status = fresh(reversed);

    progress(reversed).advance(status);

    assertEquals("NamespaceNotCreatedEarlier", stop(status, "web").reason);
    assertEquals(StopState.Running, stop(status, "ns-tour-ns").state);
    assertEquals(List.of("ns-tour-ns"), started);
  }

  @Test
  void divergenceEndsTheStopAndTheNextStopStarts() {
    ClusterTourStatus status = running(web, T0);
    cluster.snapshots.put(
        "web",
        StopJudgeTest.workload(
            Fixtures.deploymentObject("web", 1, 0, false),
            Fixtures.waitingPod("web-1", "n1", "ErrImagePull")));
    cluster.observations.add(Fixtures.event("kubelet", "Failed", "Pod", "web-1", 2000));
    clock.set(T0.plusSeconds(3));

    progress(plan).advance(status);
    progress(plan).advance(status);

    StopStatus w = stop(status, "web");
    assertEquals(StopState.Diverged, w.state);
    assertEquals("ErrImagePull", w.reason);
    assertEquals(StopState.Running, stop(status, "heal").state);
  }

  @Test
  void aStopThatLooksEndedWaitsUntilTheRecordHoldsWhatItWasJudgedOn() {
    ClusterTourStatus status = running(web, T0);
    cluster.snapshots.put(
        "web",
        StopJudgeTest.workload(
            Fixtures.deploymentObject("web", 1, 0, false), Fixtures.boundPod("web-1", "n1")));
    progress(plan).advance(status);
    assertEquals("ContainerNotStarted", stop(status, "web").reason);
    // the caches already show the pod ready, the watcher has not recorded it yet
    cluster.snapshots.put(
        "web",
        StopJudgeTest.workload(
            Fixtures.deploymentObject("web", 1, 1, true),
            Fixtures.readyPod("web-1", "n1", "2025-03-01T10:00:00Z")));
    cluster.recorded = false;
    clock.set(T0.plusSeconds(2));

    progress(plan).advance(status);

    StopStatus w = stop(status, "web");
    assertEquals(StopState.Running, w.state);
    assertNull(w.finishedAt);
    assertEquals(
        "ContainerNotStarted", w.reason, "what it waited for stands: no status write for a blip");
    assertEquals(StopState.Pending, stop(status, "heal").state);

    cluster.recorded = true;
    cluster.observations.add(Fixtures.watch("kubelet", "PodReady", "Pod", "web-1", 1900));
    clock.set(T0.plusMillis(2010));
    progress(plan).advance(status);

    assertEquals(StopState.Completed, w.state);
    assertEquals(
        List.of("PodReady"),
        w.timeline.stream().map(e -> e.reason).toList(),
        "graded on the record that ended it");
    assertEquals(StopState.Running, stop(status, "heal").state);
  }

  @Test
  void divergenceAlsoWaitsForTheRecord() {
    ClusterTourStatus status = running(web, T0);
    cluster.snapshots.put(
        "web",
        StopJudgeTest.workload(
            Fixtures.deploymentObject("web", 1, 0, false),
            Fixtures.waitingPod("web-1", "n1", "ErrImagePull")));
    cluster.recorded = false;

    progress(plan).advance(status);

    assertEquals(StopState.Running, stop(status, "web").state);
    cluster.recorded = true;
    progress(plan).advance(status);
    assertEquals(StopState.Diverged, stop(status, "web").state);
  }

  @Test
  void aRecordThatNeverCatchesUpTimesOutSayingSo() {
    ClusterTourStatus status = running(web, T0);
    cluster.snapshots.put(
        "web",
        StopJudgeTest.workload(
            Fixtures.deploymentObject("web", 1, 1, true),
            Fixtures.readyPod("web-1", "n1", "2025-03-01T10:00:00Z")));
    cluster.recorded = false;
    clock.set(T0.plusSeconds(120));

    progress(plan).advance(status);

    StopStatus w = stop(status, "web");
    assertEquals(StopState.TimedOut, w.state);
    assertEquals(StopJudge.RECORDING, w.reason);
    assertTrue(w.message.contains("waiting for the watcher to record"), w.message);
  }

  @Test
  void timeoutNamesWhatWasStillMissing() {
    ClusterTourStatus status = running(web, T0);
    cluster.snapshots.put(
        "web",
        StopJudgeTest.workload(
            Fixtures.deploymentObject("web", 1, 0, false), Fixtures.boundPod("web-1", "n1")));
    clock.set(T0.plusSeconds(120));

    progress(plan).advance(status);

    StopStatus w = stop(status, "web");
    assertEquals(StopState.TimedOut, w.state);
    assertEquals(
        "timed out after 120s: no kubelet Started event; pod web-1 bound to node n1", w.message);
  }

  @Test
  void resumesFromTheStoredStatusAfterARestart() {
    ClusterTourStatus status = running(web, T0.minusSeconds(30));
    cluster.snapshots.put(
        "web",
        StopJudgeTest.workload(
            Fixtures.deploymentObject("web", 1, 1, true),
            Fixtures.startedPod(
                "web-1",
                "2025-03-01T09:59:40Z",
                "2025-03-01T09:59:40Z",
                "2025-03-01T09:59:41Z",
                "2025-03-01T09:59:42Z")));
    cluster.observations.add(
        Fixtures.observation(
            Observation.WATCH,
            "replicaset-controller",
            "PodCreated",
            "Pod",
            "web-1",
            -20_250,
            true));

    progress(plan).advance(status);
    progress(plan).advance(status);

    StopStatus w = stop(status, "web");
    assertEquals(StopState.Completed, w.state);
    assertEquals("2025-03-01T09:59:30.250Z", w.startedAt, "the stored start is kept");
    assertEquals(1, w.timeline.size(), "recovered observations are placed by their own time");
    assertEquals(2000L, w.latencies.first.createToReady.ms, "from the pod's own times");
    assertEquals("s", w.latencies.first.createToReady.precision);
    assertNull(w.latencies.first.createToReady.watchMs, "a replay has no receive time to offer");
    assertEquals(List.of("heal"), started, "the web stop was not acted on again");
  }

  @Test
  void inventoryCompletesAtOnceAndFillsTheClusterSummary() {
    Stop inv = Fixtures.inventory();
    TourPlan p = Fixtures.plan(inv);
    ClusterInfo info = new ClusterInfo();
    info.serverVersion = "v1.33.1";
    info.nodeCount = 1;
    info.distribution = "kind";
    StopStarter starter =
        (stop, stopStatus) ->
            new StopStarter.Started(
                ActResult.done("read the cluster"), new InventoryResult(info, List.of(), null));
    ClusterTourStatus status = fresh(p);

    new TourProgress(
            p, cluster, starter, new StopGrading(FlowCatalog.shipped(), Language.en), clock)
        .advance(status);

    assertEquals(StopState.Completed, status.stops.get(0).state);
    assertEquals("kind", status.cluster.distribution);
    assertNotNull(status.stops.get(0).flow);
  }

  @Test
  void latenciesComeFromThePodsOwnTimesWithTheWatchFigureBesideThem() {
    ClusterTourStatus status = running(web, T0);
    cluster.snapshots.put(
        "web",
        StopJudgeTest.workload(
            Fixtures.deploymentObject("web", 1, 1, true),
            Fixtures.startedPod(
                "web-1",
                "2025-03-01T10:00:00Z",
                "2025-03-01T10:00:00Z",
                "2025-03-01T10:00:01Z",
                "2025-03-01T10:00:01Z")));
    cluster.observations.addAll(
        List.of(
            Fixtures.watch("replicaset-controller", "PodCreated", "Pod", "web-1", 100),
            Fixtures.watch("default-scheduler", "PodBound", "Pod", "web-1", 130),
            Fixtures.watch("kubelet", "ContainerRunning", "Pod", "web-1", 1130),
            Fixtures.watch("kubelet", "PodReady", "Pod", "web-1", 1200)));
    clock.set(T0.plusSeconds(2));

    progress(plan).advance(status);
    progress(plan).advance(status);

    StopStatus w = stop(status, "web");
    assertEquals("web-1", w.latencies.first.pod);
    assertEquals(0L, w.latencies.first.createToScheduled.ms);
    assertEquals("s", w.latencies.first.createToScheduled.precision);
    assertEquals("PodScheduled.lastTransitionTime", w.latencies.first.createToScheduled.to);
    assertEquals(30L, w.latencies.first.createToScheduled.watchMs);
    assertEquals(1000L, w.latencies.first.scheduledToRunning.watchMs);
    assertEquals(1000L, w.latencies.first.createToReady.ms);
    assertEquals(1100L, w.latencies.first.createToReady.watchMs);
    assertEquals(1100L, w.activity.ms, "first to last receive: these entries have no own time");
    assertEquals("ms", w.activity.precision);
  }

  @Test
  void finishedStopsAreLeftAlone() {
    ClusterTourStatus status = fresh(plan);
    status.stops.forEach(
        s -> {
          s.state = StopState.Completed;
          s.message = "done";
        });

    progress(plan).advance(status);

    assertTrue(started.isEmpty());
    assertNull(stop(status, "web").startedAt);
  }

  /** A status where the namespace stop completed and {@code stop} is running since {@code at}. */
  ClusterTourStatus running(Stop stop, Instant at) {
    ClusterTourStatus status = fresh(plan);
    StopStatus ns = stop(status, "ns-tour-ns");
    ns.state = StopState.Completed;
    ns.startedAt = StatusTimes.millis(at.minusSeconds(5));
    ns.finishedAt = StatusTimes.millis(at);
    StopStatus s = stop(status, stop.name);
    s.state = StopState.Running;
    s.startedAt = StatusTimes.millis(at);
    return status;
  }

  /** Snapshots by stop name and one observation list, set by each test. */
  static final class FakeCluster implements ClusterView {
    final Map<String, ClusterSnapshot> snapshots = new HashMap<>();
    final List<Observation> observations = new ArrayList<>();
    boolean recorded = true;

    @Override
    public ClusterSnapshot snapshot(Stop stop) {
      return snapshots.getOrDefault(stop.name, ClusterSnapshot.empty());
    }

    @Override
    public boolean recorded(Stop stop, ClusterSnapshot snapshot) {
      return recorded;
    }

    @Override
    public List<Observation> observations() {
      return List.copyOf(observations);
    }
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant at) {
      now = at;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
