package io.clustertour.operator.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.api.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineBuilderTest {
  static final Instant START = Instant.parse("2025-01-01T10:00:00.500Z");

  static Observation obs(
      String key, String reason, Instant receivedAt, Instant time, String precision, int count) {
    return new Observation(
        0,
        receivedAt,
        "tour-ns",
        Observation.EVENT,
        reason,
        "kubelet",
        "Pod",
        "web-1",
        "pod-uid",
        "message of " + reason,
        time,
        precision,
        "42",
        count,
        false,
        false,
        key,
        0);
  }

  static Observation recovered(String key, Instant time) {
    return new Observation(
        0,
        START.plusSeconds(600),
        "tour-ns",
        Observation.WATCH,
        "PodCreated",
        "replicaset-controller",
        "Pod",
        "web-1",
        "pod-uid",
        null,
        time,
        Observation.SECONDS,
        "7",
        1,
        false,
        true,
        key,
        0);
  }

  @Test
  void keepsOnlyTheStopWindowAndPlacesRecoveredByTheirOwnTime() {
    NamespaceLog log = new NamespaceLog();
    log.record(obs("before", "Old", START.minusSeconds(5), null, null, 1), START.minusSeconds(5));
    log.record(
        obs("in", "Pulled", START.plusMillis(250), START.minusSeconds(1), "s", 3),
        START.plusMillis(250));
    // created at 10:00:00.7 but the object only knows 10:00:00: still this stop's
    log.record(
        recovered("recovered-in", Instant.parse("2025-01-01T10:00:00Z")), START.plusSeconds(600));
    log.record(recovered("recovered-before", START.minusSeconds(60)), START.plusSeconds(600));
    log.record(obs("after", "Late", START.plusSeconds(120), null, null, 1), START.plusSeconds(120));

    TimelineResult result =
        TimelineBuilder.build(log.snapshot(), START, START.plusSeconds(60), TimelineBuilder.CAP);

    List<TimelineEntry> entries = result.entries();
    assertEquals(List.of("Pulled", "PodCreated"), entries.stream().map(e -> e.reason).toList());
    TimelineEntry pulled = entries.get(0);
    assertEquals(250L, pulled.offsetMs);
    assertEquals(3, pulled.count);
    assertEquals("2025-01-01T09:59:59Z", pulled.time);
    assertEquals("s", pulled.precision);
    assertEquals("Pod/web-1", pulled.object);
    assertEquals("event", pulled.source);
    assertEquals("42", pulled.resourceVersion);
    TimelineEntry created = entries.get(1);
    assertNull(created.count, "count only above 1");
    assertEquals("watch", created.source);
    assertEquals(0, result.dropped());
  }

  @Test
  void aLiveObservationWithoutOwnTimeShowsOnlyItsReceiveTimeAsAnUpperBound() {
    Observation live =
        obs("live", "PodBound", START.plusMillis(1), null, null, 1).received(START.plusMillis(1));

    TimelineEntry entry = TimelineBuilder.entry(live, false);

    assertNull(entry.time, "no clock of the cluster dated it");
    assertNull(entry.precision);
    assertEquals("2025-01-01T10:00:00.501Z", entry.receivedAt);
    assertNull(entry.revision, "an Event orders by revision only in a shared revision space");
    assertEquals(42L, TimelineBuilder.entry(live, true).revision);
  }

  @Test
  void theTailOfThePreviousStopIsKeptAndListedBeforeTheRequestItPreceded() {
    Observation late = // the previous stop's pod, received after this stop started
        new Observation(
            0,
            START.plusMillis(5),
            "tour-ns",
            Observation.WATCH,
            "PodReady",
            "kubelet",
            "Pod",
            "old",
            "old-uid",
            null,
            null,
            null,
            "99",
            1,
            false,
            false,
            "w/old",
            0);
    Observation request =
        new Observation(
            0,
            START.plusMillis(9),
            "tour-ns",
            Observation.REQUEST,
            "DeploymentScaled",
            "clustertour-operator",
            "Deployment",
            "web",
            "d-uid",
            null,
            START.plusMillis(2),
            Observation.MILLIS,
            "100",
            1,
            false,
            false,
            "w/scaled",
            0);
    Observation after =
        new Observation(
            0,
            START.plusMillis(20),
            "tour-ns",
            Observation.WATCH,
            "PodCreated",
            "replicaset-controller",
            "Pod",
            "new",
            "new-uid",
            null,
            null,
            null,
            "101",
            1,
            false,
            false,
            "w/new",
            0);
    List<Observation> all =
        List.of(
            late.received(late.receivedAt()),
            request.received(request.receivedAt()),
            after.received(after.receivedAt()));

    List<TimelineEntry> entries =
        TimelineBuilder.build(all, START, null, TimelineBuilder.CAP).entries();

    assertEquals(
        List.of("PodReady", "DeploymentScaled", "PodCreated"),
        entries.stream().map(e -> e.reason).toList(),
        "nothing received is lost; revision 99 was written before the request's 100");
    assertEquals(99L, entries.get(0).revision);
  }

  @Test
  void capKeepsFirstTwoThirdsAndLastThird() {
    NamespaceLog log = new NamespaceLog();
    for (int i = 0; i < 100; i++) {
      Instant at = START.plusSeconds(i);
      log.record(obs("k" + i, "R" + i, at, null, null, 1), at);
    }

    TimelineResult result = TimelineBuilder.build(log.snapshot(), START, null, 60);

    assertEquals(60, result.entries().size());
    assertEquals(40, result.dropped());
    assertEquals("R0", result.entries().get(0).reason);
    assertEquals("R39", result.entries().get(39).reason);
    assertEquals("R80", result.entries().get(40).reason);
    assertEquals("R99", result.entries().get(59).reason);
    for (int i = 1; i < 60; i++) {
      assertTrue(result.entries().get(i - 1).seq < result.entries().get(i).seq);
    }
  }

  /**
   * A pod crash-looping for an hour, with an event recorder that deduplicates BackOff into one
   * growing series but (worst case) creates new Pulling/Pulled/Created/Started events
   * (imagePullPolicy Always) on every restart.
   */
  @Test
  void anHourOfCrashLoopKeepsTheStatusSmall() throws Exception {
    NamespaceLog log = new NamespaceLog();
    Instant at = START.plusMillis(100);
    log.record(obs("scheduled", "Scheduled", at, at, "us", 1), at);
    Instant end = START.plus(Duration.ofHours(1));
    int restarts = 0;
    int backOffCount = 0;
    Duration backOff = Duration.ofSeconds(10);
    Instant nextRestart = at;
    for (Instant t = at; t.isBefore(end); t = t.plusSeconds(10)) {
      if (!t.isBefore(nextRestart)) {
        restarts++;
        for (String reason : List.of("Pulling", "Pulled", "Created", "Started")) {
          log.record(obs(reason + restarts, reason, t, t, "s", 1), t);
        }
        nextRestart = t.plus(backOff);
        backOff =
            backOff.multipliedBy(2).compareTo(Duration.ofMinutes(5)) > 0
                ? Duration.ofMinutes(5)
                : backOff.multipliedBy(2);
      }
      backOffCount++;
      log.record(obs("backoff", "BackOff", t, t, "s", backOffCount), t);
    }

    TimelineResult result = TimelineBuilder.build(log.snapshot(), START, end, TimelineBuilder.CAP);
    StopStatus status = new StopStatus();
    status.name = "crash";
    status.type = Stop.StopType.Deployment;
    status.timeline = result.entries();
    status.droppedEntries = result.dropped();
    status.repeatedEvents = result.repeated();
    byte[] json = new ObjectMapper().writeValueAsBytes(status);

    assertTrue(restarts > 15, "the simulation restarts the container many times");
    assertEquals(TimelineBuilder.CAP, result.entries().size());
    assertEquals(2 + 4 * restarts - TimelineBuilder.CAP, result.dropped());
    assertEquals(1, result.repeated(), "BackOff repeated as one entry");
    assertEquals(backOffCount - 1, log.repeatedEvents());
    assertEquals("Scheduled", result.entries().get(0).reason);
    assertTrue(json.length < 256 * 1024, "status is " + json.length + " bytes");
    List<Integer> counts = new ArrayList<>();
    result.entries().stream().filter(e -> e.count != null).forEach(e -> counts.add(e.count));
    assertEquals(List.of(backOffCount), counts);
  }
}
