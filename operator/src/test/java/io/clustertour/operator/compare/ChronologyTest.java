package io.clustertour.operator.compare;

import static io.clustertour.operator.compare.Entries.event;
import static io.clustertour.operator.compare.Entries.watch;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.TimelineEntry;
import org.junit.jupiter.api.Test;

class ChronologyTest {

  private static TimelineEntry at(long seq, String time, String precision) {
    return event(seq, "c", "R", "Pod/p", time, precision);
  }

  private static TimelineEntry write(long seq, String object, String time, long revision) {
    TimelineEntry e = watch(seq, "c", "R", object, time);
    e.resourceVersion = Long.toString(revision);
    return e;
  }

  @Test
  void sameSecondEventsAreOrderedBySeq() {
    TimelineEntry first = at(3, "2025-01-01T12:00:01Z", "s");
    TimelineEntry second = at(5, "2025-01-01T12:00:01Z", "s");
    assertTrue(Chronology.happenedBefore(first, second));
    assertFalse(Chronology.happenedBefore(second, first));
  }

  @Test
  void oneSecondGapIsWithinSecondPrecisionSoSeqDecides() {
    // 12:00:02 (s) may really be 12:00:02.0 and 12:00:01 (s) 12:00:01.999: too close to call.
    TimelineEntry laterStamp = at(1, "2025-01-01T12:00:02Z", "s");
    TimelineEntry earlierStamp = at(2, "2025-01-01T12:00:01Z", "s");
    assertTrue(Chronology.happenedBefore(laterStamp, earlierStamp));
  }

  @Test
  void componentTimesDecideWhenTheyDifferBeyondTheCoarserPrecision() {
    TimelineEntry early = at(9, "2025-01-01T12:00:00.100000Z", "us");
    TimelineEntry late = at(1, "2025-01-01T12:00:03Z", "s");
    assertTrue(Chronology.happenedBefore(early, late));
    assertFalse(Chronology.happenedBefore(late, early));
  }

  @Test
  void microsecondTimesOrderFinerThanSeq() {
    TimelineEntry a = at(10, "2025-01-01T12:00:01.000010Z", "us");
    TimelineEntry b = at(2, "2025-01-01T12:00:01.000500Z", "us");
    assertTrue(Chronology.happenedBefore(a, b));
  }

  @Test
  void liveWritesAreOrderedByTheirEtcdRevisionNotByWhichWatchDeliveredFirst() {
    // Seen on a real cluster: the ServiceAccount watch delivered before the Namespace watch.
    TimelineEntry namespace = write(19, "Namespace/tour", "2025-01-01T12:00:00.300Z", 1620);
    TimelineEntry serviceAccount =
        write(17, "ServiceAccount/default", "2025-01-01T12:00:00.250Z", 1621);
    assertTrue(Chronology.happenedBefore(namespace, serviceAccount));
    assertFalse(Chronology.happenedBefore(serviceAccount, namespace));
  }

  @Test
  void aReceiveTimeOnlyBoundsTheStepFromAbove() {
    // Seen on a real cluster: the Deployment's watch notification arrived 190 ms after the
    // scheduler had already bound one of its pods. The Deployment was still created first.
    TimelineEntry deploymentReceived = write(20, "Deployment/web", "2025-01-01T12:00:38.749Z", 1);
    TimelineEntry scheduled = at(23, "2025-01-01T12:00:38.558669Z", "us");
    assertFalse(Chronology.happenedBefore(scheduled, deploymentReceived));
    assertFalse(Chronology.happenedBefore(deploymentReceived, scheduled));
  }

  @Test
  void aReceiveTimeBeforeAComponentTimeProvesOrder() {
    TimelineEntry received = write(30, "Deployment/web", "2025-01-01T12:00:38.100Z", 1);
    TimelineEntry started = at(2, "2025-01-01T12:00:39.000100Z", "us");
    assertTrue(Chronology.happenedBefore(received, started));
    assertFalse(Chronology.happenedBefore(started, received));
  }

  @Test
  void eventsOfDifferentComponentsAreNotOrderedByArrival() {
    // Seen on a real cluster: the scheduler's Event was stored before the replicaset-controller's
    // SuccessfulCreate for the pod it scheduled, both stamped in the same second.
    TimelineEntry created =
        event(
            9,
            "replicaset-controller",
            "SuccessfulCreate",
            "ReplicaSet/r",
            "2025-01-01T12:00:01Z",
            "s");
    TimelineEntry scheduled =
        event(8, "default-scheduler", "Scheduled", "Pod/p", "2025-01-01T12:00:01.250000Z", "us");
    assertFalse(Chronology.happenedBefore(scheduled, created));
    assertFalse(Chronology.happenedBefore(created, scheduled));
  }

  @Test
  void seqNeverOrdersEntriesOfDifferentWatchStreams() {
    TimelineEntry event = at(3, null, null);
    TimelineEntry replayed = Entries.entry(5, "watch", "c", "R", "Pod/p", null, "s");
    assertFalse(Chronology.happenedBefore(event, replayed));
    assertFalse(Chronology.happenedBefore(replayed, event));
  }

  @Test
  void oneKindOfObjectIsOneStreamSoSeqOrdersReplayedEntries() {
    TimelineEntry first = Entries.entry(5, "watch", "c", "PodBound", "Pod/a", null, "s");
    TimelineEntry second = Entries.entry(8, "watch", "c", "PodReady", "Pod/a", null, "s");
    assertTrue(Chronology.happenedBefore(first, second));
  }

  @Test
  void missingOrUnparsableTimeFallsBackToSeqWithinTheEventStream() {
    TimelineEntry noTime = at(7, null, null);
    TimelineEntry garbage = at(4, "yesterday", "s");
    assertTrue(Chronology.happenedBefore(garbage, noTime));
  }

  @Test
  void anEntryDidNotHappenBeforeItself() {
    TimelineEntry e = at(4, "2025-01-01T12:00:01Z", "s");
    assertFalse(Chronology.happenedBefore(e, e));
  }
}
