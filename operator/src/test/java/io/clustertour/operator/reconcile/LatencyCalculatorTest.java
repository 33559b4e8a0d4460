package io.clustertour.operator.reconcile;

import static io.clustertour.operator.reconcile.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.clustertour.operator.api.Latencies;
import io.clustertour.operator.api.LatencyPhase;
import io.clustertour.operator.observe.Observation;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyCalculatorTest {
  // T0 is 10:00:00.250: the pods below are created in that second
  private static final String SECOND = "2025-03-01T10:00:00Z";

  @Test
  void secondPrecisionEndsGiveWholeSecondsNotTheWatchGap() {
    Pod pod =
        Fixtures.startedPod(
            "web-1", SECOND, SECOND, "2025-03-01T10:00:01Z", "2025-03-01T10:00:01Z");
    List<Observation> window =
        List.of(
            live(LatencyCalculator.CREATED, "web-1", "uid-web-1", 0),
            // the scheduler says it assigned the pod 10 ms after creation (µs, its own clock) ...
            scheduled("web-1", "uid-web-1", 70, "2025-03-01T10:00:00.260000Z"),
            // ... the operator only heard of the binding 79 ms after it heard of the pod
            live(LatencyCalculator.BOUND, "web-1", "uid-web-1", 79),
            live(LatencyCalculator.RUNNING, "web-1", "uid-web-1", 900),
            live(LatencyCalculator.READY, "web-1", "uid-web-1", 950));

    Latencies l = LatencyCalculator.of(window, List.of(pod));

    LatencyPhase scheduling = l.first.createToScheduled;
    assertEquals("s", scheduling.precision, "creationTimestamp has second precision");
    assertEquals(0L, scheduling.ms, "the µs end is cut to the second of the coarser end");
    assertEquals("creationTimestamp", scheduling.from);
    assertEquals("Scheduled.eventTime", scheduling.to);
    assertEquals(79L, scheduling.watchMs, "the operator's view is kept, labelled apart");
    assertEquals("Scheduled.eventTime", l.first.scheduledToRunning.from);
    assertEquals("running.startedAt", l.first.scheduledToRunning.to);
    assertEquals(1000L, l.first.scheduledToRunning.ms);
    assertEquals(1000L, l.first.createToReady.ms);
    assertEquals("Ready.lastTransitionTime", l.first.createToReady.to);
    assertEquals(950L, l.first.createToReady.watchMs);
    assertEquals(1, l.pods);
    assertNull(l.slowest, "one pod: it is the first one");
  }

  @Test
  void theApiServersMicrosecondCreateTimeBeatsTheTruncatedCreationTimestamp() {
    Pod pod =
        Fixtures.startedPod(
            "web-1", SECOND, SECOND, "2025-03-01T10:00:01Z", "2025-03-01T10:00:01Z");
    List<Observation> window =
        List.of(
            // the create as the audit stream timed it, merged into the watched step
            Fixtures.owned(
                Observation.WATCH,
                "replicaset-controller",
                LatencyCalculator.CREATED,
                "web-1",
                "uid-web-1",
                0,
                "2025-03-01T10:00:00.251200Z",
                Observation.MICROS,
                false),
            scheduled("web-1", "uid-web-1", 70, "2025-03-01T10:00:00.260000Z"),
            live(LatencyCalculator.BOUND, "web-1", "uid-web-1", 79));

    LatencyPhase scheduling = LatencyCalculator.of(window, List.of(pod)).first.createToScheduled;

    assertEquals("us", scheduling.precision, "both ends on µs clocks");
    assertEquals(8L, scheduling.ms, "0.2512 s -> 0.2600 s, not 0 s from the truncated second");
    assertEquals(LatencyCalculator.APISERVER_CREATE, scheduling.from);
    assertEquals("Scheduled.eventTime", scheduling.to);
  }

  @Test
  void withoutTheSchedulersEventThePodScheduledConditionIsUsed() {
    Pod pod = Fixtures.startedPod("web-1", SECOND, SECOND, SECOND, "2025-03-01T10:00:02Z");

    Latencies l =
        LatencyCalculator.of(
            List.of(live(LatencyCalculator.CREATED, "web-1", "uid-web-1", 0)), List.of(pod));

    assertEquals("PodScheduled.lastTransitionTime", l.first.createToScheduled.to);
    assertEquals("s", l.first.createToScheduled.precision);
    assertNull(l.first.createToScheduled.watchMs, "PodBound was not received");
    assertEquals(2000L, l.first.createToReady.ms);
  }

  @Test
  void afterARestartTheReplayedStepsGiveOwnTimesAndNoWatchFigure() {
    Pod pod =
        Fixtures.startedPod(
            "web-1", SECOND, SECOND, "2025-03-01T10:00:01Z", "2025-03-01T10:00:03Z");
    List<Observation> replayed =
        List.of(
            recovered(LatencyCalculator.CREATED, "uid-web-1", SECOND),
            scheduledReplayed("uid-web-1", "2025-03-01T10:00:00.400000Z"),
            recovered(LatencyCalculator.BOUND, "uid-web-1", SECOND),
            recovered(LatencyCalculator.RUNNING, "uid-web-1", "2025-03-01T10:00:01Z"),
            recovered(LatencyCalculator.READY, "uid-web-1", "2025-03-01T10:00:03Z"));

    Latencies l = LatencyCalculator.of(replayed, List.of(pod));

    assertEquals(0L, l.first.createToScheduled.ms);
    assertEquals("Scheduled.eventTime", l.first.createToScheduled.to);
    assertEquals(3000L, l.first.createToReady.ms);
    assertEquals("s", l.first.createToReady.precision);
    assertNull(l.first.createToScheduled.watchMs, "replay time is not when it happened");
    assertNull(l.first.createToReady.watchMs);
  }

  @Test
  void anObservationsOwnTimeFillsWhatThePodNoLongerShows() {
    // a Job pod that finished: Ready is False again, its container terminated
    Pod done =
        new PodBuilder(Fixtures.pendingPod("job-1"))
            .editMetadata()
            .withCreationTimestamp(SECOND)
            .endMetadata()
            .withNewStatus()
            .addNewCondition()
            .withType("Ready")
            .withStatus("False")
            .withLastTransitionTime("2025-03-01T10:00:05Z")
            .endCondition()
            .addToContainerStatuses(
                new ContainerStatusBuilder()
                    .withName("job")
                    .withNewState()
                    .withNewTerminated()
                    .withStartedAt("2025-03-01T10:00:02Z")
                    .withExitCode(0)
                    .endTerminated()
                    .endState()
                    .build())
            .endStatus()
            .build();
    List<Observation> window =
        List.of(
            live(LatencyCalculator.CREATED, "job-1", "uid-job-1", 0),
            // the recorder keeps the object's own (second-precision) time once it is seen Ready
            Fixtures.owned(
                Observation.WATCH,
                "kubelet",
                LatencyCalculator.READY,
                "job-1",
                "uid-job-1",
                3000,
                "2025-03-01T10:00:03Z",
                Observation.SECONDS,
                false));

    Latencies l = LatencyCalculator.of(window, List.of(done));

    assertEquals(3000L, l.first.createToReady.ms);
    assertEquals("Ready.lastTransitionTime", l.first.createToReady.to);
    assertEquals(3000L, l.first.createToReady.watchMs);
    assertNull(l.first.scheduledToRunning, "never scheduled as far as anything shows");
  }

  @Test
  void podsAreTiedToTheirStepsByUidWhenTheirEventsInterleave() {
    Pod a =
        withUid(
            Fixtures.startedPod(
                "web-a", SECOND, SECOND, "2025-03-01T10:00:01Z", "2025-03-01T10:00:01Z"),
            "A");
    Pod b =
        withUid(
            Fixtures.startedPod(
                "web-b",
                SECOND,
                "2025-03-01T10:00:02Z",
                "2025-03-01T10:00:02Z",
                "2025-03-01T10:00:04Z"),
            "B");
    List<Observation> window =
        List.of(
            live(LatencyCalculator.CREATED, "web-a", "A", 0),
            live(LatencyCalculator.CREATED, "web-b", "B", 5),
            // an earlier pod that had the same name as web-b: its event must not be used for B
            scheduled("web-b", "OLD", 10, "2025-03-01T10:00:01.500000Z"),
            scheduled("web-b", "B", 20, "2025-03-01T10:00:02.100000Z"),
            live(LatencyCalculator.BOUND, "web-b", "B", 30),
            scheduled("web-a", "A", 40, "2025-03-01T10:00:00.300000Z"),
            live(LatencyCalculator.BOUND, "web-a", "A", 50),
            live(LatencyCalculator.READY, "web-a", "A", 700),
            live(LatencyCalculator.READY, "web-b", "B", 3900));

    Latencies l = LatencyCalculator.of(window, List.of(b, a));

    assertEquals(2, l.pods);
    assertEquals("web-a", l.first.pod, "first by creation on the Pods watch, not list order");
    assertEquals(50L, l.first.createToScheduled.watchMs);
    assertEquals(1000L, l.first.createToReady.ms);
    assertEquals("web-b", l.slowest.pod);
    assertEquals(2000L, l.slowest.createToScheduled.ms, "its own event, not the old pod's");
    assertEquals(25L, l.slowest.createToScheduled.watchMs);
    assertEquals(4000L, l.slowest.createToReady.ms);
    assertEquals(3895L, l.slowest.createToReady.watchMs);
  }

  @Test
  void podsCreatedBeforeTheStopOrOutsideItsWorkloadAreNotMeasured() {
    Pod old = Fixtures.startedPod("web-1", SECOND, SECOND, SECOND, SECOND);
    List<Observation> window =
        List.of(
            live(LatencyCalculator.READY, "web-1", "uid-web-1", 10),
            live(LatencyCalculator.CREATED, "other-1", "uid-other-1", 20));

    assertNull(LatencyCalculator.of(window, List.of(old)));
  }

  @Test
  void aContainerThatNeverStartedDoesNotCountAsRunning() {
    Pod failed =
        new PodBuilder(Fixtures.boundPod("web-1", "n1"))
            .editMetadata()
            .withCreationTimestamp(SECOND)
            .endMetadata()
            .withNewStatus()
            .addToContainerStatuses(
                new ContainerStatusBuilder()
                    .withName("web")
                    .withNewState()
                    .withNewTerminated()
                    .withReason("StartError")
                    .withStartedAt("1970-01-01T00:00:00Z")
                    .withExitCode(128)
                    .endTerminated()
                    .endState()
                    .build())
            .endStatus()
            .build();
    List<Observation> window =
        List.of(
            live(LatencyCalculator.CREATED, "web-1", "uid-web-1", 0),
            scheduled("web-1", "uid-web-1", 20, "2025-03-01T10:00:00.300000Z"));

    Latencies l = LatencyCalculator.of(window, List.of(failed));

    assertNull(l.first.scheduledToRunning);
    assertNull(l.first.createToReady);
  }

  /** A live silent step as today's recorder stores it: only the receive time (ms). */
  private static Observation live(String reason, String name, String uid, long afterMs) {
    return Fixtures.owned(
        Observation.WATCH,
        "watch",
        reason,
        name,
        uid,
        afterMs,
        T0.plusMillis(afterMs).toString(),
        Observation.MILLIS,
        false);
  }

  private static Observation recovered(String reason, String uid, String ownTime) {
    return Fixtures.owned(
        Observation.WATCH,
        "watch",
        reason,
        "web-1",
        uid,
        60_000,
        ownTime,
        Observation.SECONDS,
        true);
  }

  private static Observation scheduled(String name, String uid, long afterMs, String eventTime) {
    return Fixtures.owned(
        Observation.EVENT,
        "default-scheduler",
        LatencyCalculator.SCHEDULED_EVENT,
        name,
        uid,
        afterMs,
        eventTime,
        Observation.MICROS,
        false);
  }

  private static Observation scheduledReplayed(String uid, String eventTime) {
    return Fixtures.owned(
        Observation.EVENT,
        "default-scheduler",
        LatencyCalculator.SCHEDULED_EVENT,
        "web-1",
        uid,
        60_000,
        eventTime,
        Observation.MICROS,
        true);
  }

  private static Pod withUid(Pod pod, String uid) {
    pod.getMetadata().setUid(uid);
    return pod;
  }
}
