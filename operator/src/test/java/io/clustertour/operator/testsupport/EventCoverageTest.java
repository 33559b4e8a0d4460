package io.clustertour.operator.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.ClusterTourStatus;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.api.TimelineEntry;
import io.clustertour.operator.testsupport.EventCoverage.EventRef;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventCoverageTest {
  private static final Instant T = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void pairsEventsWithEntriesOfTheSameObjectReasonAndComponent() {
    ClusterTour tour =
        tour(0, entry("Pod/a", "Scheduled", "default-scheduler", "2026-01-01T10:00:00.250000Z"));
    EventRef scheduled = ref("u1", "Pod/a", "Scheduled", "default-scheduler", T.plusMillis(250));
    EventRef started = ref("u2", "Pod/a", "Started", "kubelet", T.plusSeconds(1));

    EventCoverage.Result r = EventCoverage.of(tour, List.of(scheduled, started));

    assertThat(r.matched()).extracting(m -> m.event().uid()).containsExactly("u1");
    assertThat(r.matched().get(0).stop()).isEqualTo("web");
    assertThat(r.missing()).extracting(EventRef::uid).containsExactly("u2");
    assertThat(r.completeness()).isEqualTo(0.5);
  }

  @Test
  void twoEventsNeedTwoEntriesAndTheExactTimeWinsFirst() {
    ClusterTour tour =
        tour(
            0,
            entry("Pod/a", "BackOff", "kubelet", "2026-01-01T10:00:05Z"),
            entry("Pod/a", "BackOff", "kubelet", "2026-01-01T10:00:01Z"));
    EventRef early = ref("u1", "Pod/a", "BackOff", "kubelet", T.plusSeconds(1));
    EventRef late = ref("u2", "Pod/a", "BackOff", "kubelet", T.plusSeconds(5));
    EventRef third = ref("u3", "Pod/a", "BackOff", "kubelet", T.plusSeconds(9));

    EventCoverage.Result r = EventCoverage.of(tour, List.of(third, late, early));

    assertThat(r.matched())
        .extracting(m -> m.entry().time)
        .containsExactly("2026-01-01T10:00:01Z", "2026-01-01T10:00:05Z");
    assertThat(r.missing()).extracting(EventRef::uid).containsExactly("u3");
  }

  @Test
  void droppedEntriesAccountForMissingEventsUpToTheirNumber() {
    ClusterTour tour = tour(1);
    List<EventRef> events =
        List.of(
            ref("u1", "Pod/a", "Pulled", "kubelet", T), ref("u2", "Pod/b", "Pulled", "kubelet", T));

    EventCoverage.Result r = EventCoverage.of(tour, events);

    assertThat(r.accountedByDropped()).isEqualTo(1);
    assertThat(r.completeness()).isEqualTo(0.5);
  }

  @Test
  void readsComponentAndBestTimeLikeTheOperator() {
    EventRef micro =
        EventRef.of(
            new EventBuilder()
                .withNewMetadata()
                .withUid("u")
                .withNamespace("ns")
                .endMetadata()
                .withNewInvolvedObject()
                .withKind("Pod")
                .withName("a")
                .endInvolvedObject()
                .withReason("Scheduled")
                .withReportingComponent("default-scheduler")
                .withEventTime(new MicroTime("2026-01-01T10:00:00.123456Z"))
                .build(),
            T);
    EventRef legacy =
        EventRef.of(
            new EventBuilder()
                .withNewMetadata()
                .withUid("v")
                .endMetadata()
                .withNewSource()
                .withComponent("kubelet")
                .endSource()
                .withFirstTimestamp("2026-01-01T10:00:01Z")
                .withLastTimestamp("2026-01-01T10:00:04Z")
                .build(),
            null);

    assertThat(micro.object()).isEqualTo("Pod/a");
    assertThat(micro.component()).isEqualTo("default-scheduler");
    assertThat(micro.time()).isEqualTo(Instant.parse("2026-01-01T10:00:00.123456Z"));
    assertThat(micro.precision()).isEqualTo("us");
    assertThat(legacy.component()).isEqualTo("kubelet");
    assertThat(legacy.time()).isEqualTo(T.plusSeconds(4));
    assertThat(legacy.precision()).isEqualTo("s");
  }

  private static EventRef ref(
      String uid, String object, String reason, String component, Instant time) {
    return new EventRef(uid, "ns", object, reason, component, time, "us", time);
  }

  private static TimelineEntry entry(String object, String reason, String component, String time) {
    TimelineEntry e = new TimelineEntry();
    e.source = "event";
    e.object = object;
    e.reason = reason;
    e.component = component;
    e.time = time;
    return e;
  }

  private static ClusterTour tour(int dropped, TimelineEntry... entries) {
    StopStatus stop = new StopStatus();
    stop.name = "web";
    stop.timeline = List.of(entries);
    stop.droppedEntries = dropped;
    ClusterTour tour = new ClusterTour();
    tour.setStatus(new ClusterTourStatus());
    tour.getStatus().stops = List.of(stop);
    return tour;
  }
}
