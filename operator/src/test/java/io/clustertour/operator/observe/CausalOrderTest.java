package io.clustertour.operator.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CausalOrderTest {
  private static final String T = "2025-01-01T12:00:";
  private static final Instant START = Instant.parse(T + "00.000Z");

  private static TimelineEntry entry(
      long seq, String source, String component, String reason, String object) {
    TimelineEntry e = new TimelineEntry();
    e.seq = seq;
    e.source = source;
    e.component = component;
    e.reason = reason;
    e.object = object;
    return e;
  }

  /** A write seen live: its etcd revision and when the watch delivered it. */
  private static TimelineEntry write(long seq, String reason, long revision, String received) {
    TimelineEntry e = entry(seq, "watch", "c", reason, "Pod/p");
    e.revision = revision;
    e.receivedAt = T + received;
    return e;
  }

  private static TimelineEntry event(long seq, String component, String time, String precision) {
    TimelineEntry e = entry(seq, "event", component, "R", "Pod/p");
    e.time = time == null ? null : T + time;
    e.precision = precision;
    return e;
  }

  @Test
  void liveWritesAreOrderedByTheirEtcdRevisionNotByWhichWatchDeliveredFirst() {
    // Seen on a real cluster: the ServiceAccount watch delivered before the Namespace watch.
    TimelineEntry namespace = write(19, "NamespaceCreated", 1620, "00.300Z");
    TimelineEntry serviceAccount = write(17, "ServiceAccountCreated", 1621, "00.250Z");
    assertTrue(CausalOrder.writtenBefore(namespace, serviceAccount));
    assertFalse(CausalOrder.writtenBefore(serviceAccount, namespace));
  }

  @Test
  void aReceiveTimeOnlyBoundsTheStepFromAbove() {
    // Seen on a real cluster: the Deployment's watch notification arrived 190 ms after the
    // scheduler had already bound one of its pods, yet the Deployment was created first.
    TimelineEntry deploymentReceived = write(20, "DeploymentCreated", 1, "38.749Z");
    TimelineEntry scheduled = event(23, "default-scheduler", "38.558669Z", "us");
    assertFalse(CausalOrder.writtenBefore(scheduled, deploymentReceived));
    assertFalse(CausalOrder.writtenBefore(deploymentReceived, scheduled));
  }

  @Test
  void aReceiveTimeBeforeAnotherComponentsClockProvesOrderBeyondTheSkewAllowance() {
    TimelineEntry received = write(30, "DeploymentCreated", 1, "38.100Z");
    TimelineEntry started = event(2, "kubelet", "38.300100Z", "us");
    TimelineEntry tooClose = event(3, "kubelet", "38.150000Z", "us");
    assertTrue(CausalOrder.writtenBefore(received, started));
    assertFalse(CausalOrder.writtenBefore(started, received));
    assertFalse(CausalOrder.writtenBefore(received, tooClose), "within the 100 ms allowance");
  }

  @Test
  void eventsOfDifferentComponentsInOneSecondAreNotOrderedByArrival() {
    TimelineEntry created = event(9, "replicaset-controller", "01Z", "s");
    TimelineEntry scheduled = event(8, "default-scheduler", "01.250000Z", "us");
    assertFalse(CausalOrder.writtenBefore(scheduled, created));
    assertFalse(CausalOrder.writtenBefore(created, scheduled));
  }

  @Test
  void oneComponentsMicrosecondClockOrdersItsOwnEvents() {
    TimelineEntry a = event(10, "default-scheduler", "01.000010Z", "us");
    TimelineEntry b = event(2, "default-scheduler", "01.000500Z", "us");
    assertTrue(CausalOrder.writtenBefore(a, b));
    assertFalse(CausalOrder.writtenBefore(b, a));
  }

  @Test
  void secondPrecisionOrdersOnlyWhenTheSecondsDifferOnOneClock() {
    TimelineEntry early = event(5, "kubelet", "01Z", "s");
    TimelineEntry sameSecond = event(6, "kube-controller-manager", "01Z", "s");
    TimelineEntry nextSecond = event(7, "kube-controller-manager", "02Z", "s");
    TimelineEntry later = event(8, "kubelet", "02Z", "s");
    assertTrue(CausalOrder.writtenBefore(early, later));
    assertFalse(CausalOrder.writtenBefore(early, sameSecond));
    assertFalse(
        CausalOrder.writtenBefore(early, nextSecond),
        "01 (s) may be 01.999 and another host's 02 (s) may be 01.95 on this clock");
  }

  @Test
  void eventRevisionsOrderTheRecordsButNotTheActionsOfDifferentComponents() {
    // Seen on the local cluster (Job stop): the scheduler's Scheduled was stored at revision 8589,
    // the job-controller's SuccessfulCreate for the same pod at 8590.
    TimelineEntry scheduled = event(4, "default-scheduler", "40.491569Z", "us");
    scheduled.revision = 8589L;
    TimelineEntry created = event(5, "job-controller", "40Z", "s");
    created.revision = 8590L;
    TimelineEntry completed = write(9, "JobComplete", 8607, "43.076Z");

    assertTrue(CausalOrder.writtenBefore(scheduled, created), "the records: revision order");
    assertFalse(
        CausalOrder.happenedBefore(scheduled, created), "the actions: each recorder is async");
    assertFalse(CausalOrder.happenedBefore(created, scheduled));
    assertTrue(
        CausalOrder.happenedBefore(created, completed),
        "an Event's action came before a write stored after the Event");
    assertFalse(
        CausalOrder.happenedBefore(completed, created),
        "a write before an Event's record says nothing about the action it reports");
  }

  @Test
  void anEntryDidNotHappenBeforeItself() {
    TimelineEntry e = event(4, "kubelet", "01Z", "s");
    assertFalse(CausalOrder.writtenBefore(e, e));
  }

  @Test
  void theOrderFollowsRevisionsWhileHappenedByTimesNeverDecrease() {
    // The issue's first-tour Deployment stop: receive order 414, 415, 417, 419, 420 arrived as
    // Pod (414 created at rev 414 but received last of its kind) ... the revisions decide.
    TimelineEntry request = write(5, "DeploymentCreated", 410, "00.157Z");
    request.source = "request";
    request.time = T + "00.100Z";
    request.precision = "ms";
    TimelineEntry replicaSet = write(3, "ReplicaSetCreated", 412, "00.127Z");
    TimelineEntry pod = write(1, "PodCreated", 414, "00.110Z");
    TimelineEntry bound = write(4, "PodBound", 419, "00.140Z");
    TimelineEntry scheduled = event(2, "default-scheduler", "00.120000Z", "us");
    scheduled.receivedAt = T + "00.135Z";

    List<TimelineEntry> ordered =
        CausalOrder.order(
            new ArrayList<>(List.of(pod, scheduled, replicaSet, bound, request)), START);

    assertEquals(
        List.of("DeploymentCreated", "ReplicaSetCreated", "PodCreated"),
        ordered.subList(0, 3).stream().map(e -> e.reason).toList(),
        "the request first, then in revision order");
    assertEquals(1, ordered.get(0).order);
    assertEquals(110L, ordered.get(0).offsetMs, "happened by the receipt of its consequences");
    assertEquals(110L, pod.offsetMs);
    for (int i = 1; i < ordered.size(); i++) {
      assertTrue(
          ordered.get(i - 1).offsetMs <= ordered.get(i).offsetMs,
          "monotonic at " + ordered.get(i).reason);
    }
    assertNull(replicaSet.concurrent, "412 follows 410: proven");
  }

  @Test
  void entriesNothingOrdersAreMarkedConcurrent() {
    TimelineEntry a = event(1, "kubelet", "01Z", "s");
    a.receivedAt = T + "01.500Z";
    TimelineEntry b = event(2, "kube-controller-manager", "01Z", "s");
    b.receivedAt = T + "01.600Z";
    List<TimelineEntry> ordered = CausalOrder.order(new ArrayList<>(List.of(b, a)), START);
    assertEquals(List.of(a, b), ordered, "earliest happened-by bound first");
    assertNull(a.concurrent);
    assertTrue(b.concurrent);
  }
}
