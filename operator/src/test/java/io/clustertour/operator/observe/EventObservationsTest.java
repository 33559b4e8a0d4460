package io.clustertour.operator.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventObservationsTest {
  static final Instant RECEIVED = Instant.parse("2025-01-01T10:00:05.123456Z");

  static EventBuilder event(String uid, String reason) {
    return new EventBuilder()
        .withNewMetadata()
        .withNamespace("tour-ns")
        .withName("web-1." + uid)
        .withUid(uid)
        .withResourceVersion("100")
        .withCreationTimestamp("2025-01-01T10:00:01Z")
        .endMetadata()
        .withReason(reason)
        .withMessage("something happened")
        .withNewInvolvedObject()
        .withKind("Pod")
        .withName("web-1")
        .withUid("pod-uid")
        .endInvolvedObject();
  }

  @Test
  void eventsK8sIoEventUsesReportingControllerAndMicrosecondTime() {
    Event scheduled =
        event("e1", "Scheduled")
            .withReportingComponent("default-scheduler")
            .withEventTime(new MicroTime("2025-01-01T10:00:02.345678Z"))
            .build();

    Observation o = EventObservations.of(scheduled, RECEIVED, false);

    assertEquals("default-scheduler", o.component());
    assertEquals(Observation.MICROS, o.precision());
    assertEquals(Instant.parse("2025-01-01T10:00:02.345678Z"), o.time());
    assertEquals("Pod/web-1", o.object());
    assertEquals("pod-uid", o.uid());
    assertEquals(Observation.EVENT, o.source());
    assertEquals("event/e1", o.key());
    assertEquals(Instant.parse("2025-01-01T10:00:05.123Z"), o.receivedAt(), "ms precision");
  }

  @Test
  void legacyEventUsesSourceComponentAndSecondTime() {
    Event pulled =
        event("e2", "Pulled")
            .withReportingComponent("")
            .withNewSource()
            .withComponent("kubelet")
            .endSource()
            .withFirstTimestamp("2025-01-01T10:00:03Z")
            .withLastTimestamp("2025-01-01T10:00:04Z")
            .build();

    Observation o = EventObservations.of(pulled, RECEIVED, false);

    assertEquals("kubelet", o.component());
    assertEquals(Observation.SECONDS, o.precision());
    assertEquals(Instant.parse("2025-01-01T10:00:04Z"), o.time(), "lastTimestamp preferred");
  }

  @Test
  void eventWithoutTimestampsFallsBackToCreationTimestamp() {
    Observation o = EventObservations.of(event("e3", "Killing").build(), RECEIVED, false);

    assertEquals(Instant.parse("2025-01-01T10:00:01Z"), o.time());
    assertEquals(Observation.SECONDS, o.precision());
    assertEquals("unknown", o.component());
  }

  @Test
  void seriesCountWinsOverLegacyCountAndMessageIsShortened() {
    Event backOff =
        event("e4", "BackOff")
            .withCount(2)
            .withNewSeries()
            .withCount(7)
            .endSeries()
            .withMessage("x".repeat(Observation.MESSAGE_LIMIT + 100))
            .build();

    Observation o = EventObservations.of(backOff, RECEIVED, false);

    assertEquals(7, o.count());
    assertTrue(o.series());
    assertEquals(Observation.MESSAGE_LIMIT, o.message().length());
  }

  @Test
  void repeatedEventUpdatesCountAndKeepsSeq() {
    NamespaceLog log = new NamespaceLog();
    log.record(
        EventObservations.of(event("e5", "BackOff").withCount(1).build(), RECEIVED, false),
        RECEIVED);
    long firstSeq = log.snapshot().get(0).seq();

    Instant later = RECEIVED.plusSeconds(30);
    NamespaceLog.Outcome grown =
        log.record(
            EventObservations.of(event("e5", "BackOff").withCount(4).build(), later, false), later);
    NamespaceLog.Outcome resynced =
        log.record(
            EventObservations.of(event("e5", "BackOff").withCount(4).build(), later, false), later);

    List<Observation> all = log.snapshot();
    assertEquals(NamespaceLog.Outcome.REPEATED, grown);
    assertEquals(NamespaceLog.Outcome.IGNORED, resynced);
    assertEquals(1, all.size());
    assertEquals(4, all.get(0).count());
    assertEquals(firstSeq, all.get(0).seq());
    assertEquals(
        RECEIVED.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), all.get(0).receivedAt());
    assertEquals(1, all.get(0).repeats());
    assertEquals(1, log.repeatedEvents());
  }

  @Test
  void logKeepsAtMostItsLimitAndCountsDrops() {
    NamespaceLog log = new NamespaceLog(3);
    for (int i = 0; i < 5; i++) {
      log.record(
          EventObservations.of(event("u" + i, "Started").build(), RECEIVED, false), RECEIVED);
    }

    List<Observation> kept = log.snapshot();
    assertEquals(3, kept.size());
    assertEquals(2, log.dropped());
    assertEquals("event/u2", kept.get(0).key(), "oldest dropped first");
    assertFalse(kept.get(0).seq() > kept.get(1).seq(), "ordered by seq");
  }
}
