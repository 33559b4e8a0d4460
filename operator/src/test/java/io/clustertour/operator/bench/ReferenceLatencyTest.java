package io.clustertour.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.ClusterTourSpec;
import io.clustertour.operator.api.ClusterTourStatus;
import io.clustertour.operator.api.Latencies;
import io.clustertour.operator.api.LatencyPhase;
import io.clustertour.operator.api.NamespaceStop;
import io.clustertour.operator.api.PodLatencies;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.api.TimelineEntry;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceLatencyTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  /** A pod created at 10:00:00.4 (creationTimestamp cut to 10:00:00), Ready about 2 s later. */
  private static IndependentWatcher.PodTimes pod() {
    IndependentWatcher.PodTimes t = new IndependentWatcher.PodTimes();
    t.key = "ns/web-1";
    t.uid = "uid-1";
    t.creationTimestamp = T0;
    t.created = T0.plusMillis(420);
    t.scheduled = T0.plusMillis(530);
    t.running = T0.plusMillis(2_250);
    t.ready = T0.plusMillis(2_260);
    t.runningStartedAtFirstRunning = T0.plusSeconds(2);
    t.conditions.put("PodScheduled", T0);
    t.conditions.put("Initialized", T0);
    t.conditions.put("PodReadyToStartContainers", T0.plusSeconds(1));
    t.conditions.put("ContainersReady", T0.plusSeconds(2));
    t.conditions.put("Ready", T0.plusSeconds(2));
    return t;
  }

  private static List<ReferenceLatency.PodEvent> events() {
    return List.of(
        new ReferenceLatency.PodEvent(
            "uid-1",
            "ns/web-1",
            "Scheduled",
            "default-scheduler",
            T0.plusNanos(510_700_000),
            null,
            "web-1.1"),
        new ReferenceLatency.PodEvent(
            "uid-1",
            "ns/web-1",
            "Started",
            "kubelet",
            null,
            T0.plusSeconds(2),
            // the recorder's UnixNano in hex: 10:00:02.1234 here
            "web-1." + Long.toHexString(nanos(T0.plusMillis(2_123).plusNanos(400_000)))),
        new ReferenceLatency.PodEvent(
            "uid-other", "ns/web-2", "Scheduled", "default-scheduler", T0, null, "web-2.1"));
  }

  private static long nanos(Instant i) {
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  @Test
  void clusterloader2TimestampMethodMixesSecondAndMicrosecondClocksAndClampsAtZero() {
    Map<String, Double> p = ReferenceLatency.clusterloader2(pod(), events());
    assertThat(p.get("create_to_schedule")).isEqualTo(510.7);
    assertThat(p.get("schedule_to_run")).isEqualTo(1489.3);
    assertThat(p.get("run_to_watch")).isEqualTo(250.0);
    assertThat(p.get("schedule_to_watch")).isEqualTo(1739.3);
    assertThat(p.get("pod_startup")).isEqualTo(2250.0);

    // a startedAt cut to the second before the µs scheduling time gives 0, not a negative
    IndependentWatcher.PodTimes early = pod();
    early.runningStartedAtFirstRunning = T0;
    assertThat(ReferenceLatency.clusterloader2(early, events()).get("schedule_to_run")).isZero();
  }

  @Test
  void clusterloader2WatchMethodUsesOnlyReceiveTimes() {
    Map<String, Double> p = ReferenceLatency.clusterloader2Watch(pod());
    assertThat(p.get("create_to_schedule")).isEqualTo(110.0);
    assertThat(p.get("schedule_to_run")).isEqualTo(1720.0);
    assertThat(p.get("pod_startup")).isEqualTo(1830.0);
    assertThat(p.get("create_to_run")).isEqualTo(1830.0);
  }

  @Test
  void kubeBurnerTakesTheScheduledEventByUidAndTheStartedEventsNameTime() {
    Map<String, Double> p = ReferenceLatency.kubeBurner(pod(), events());
    // truncated to whole ms as Go's Duration.Milliseconds does
    assertThat(p.get("PodScheduled")).isEqualTo(510.0);
    assertThat(p.get("Initialized")).isZero();
    assertThat(p.get("PodReadyToStartContainers")).isEqualTo(1000.0);
    assertThat(p.get("ContainersReady")).isEqualTo(2000.0);
    assertThat(p.get("Ready")).isEqualTo(2000.0);
    assertThat(p.get("containersStarted")).isEqualTo(2123.0);
    assertThat(p.get("containersStarted - PodScheduled")).isEqualTo(1613.0);

    // without the Scheduled Event, the condition's second-precision time
    Map<String, Double> noEvent = ReferenceLatency.kubeBurner(pod(), events().subList(1, 2));
    assertThat(noEvent.get("PodScheduled")).isZero();

    // a pod that never became Ready is left out, as kube-burner does
    IndependentWatcher.PodTimes notReady = pod();
    notReady.conditions.remove("Ready");
    assertThat(ReferenceLatency.kubeBurner(notReady, events())).isEmpty();
  }

  @Test
  void readsTheRecordersTimeFromAnEventName() {
    assertThat(ReferenceLatency.nameTime("web-1.187d2a3f0c1e2b3a"))
        .isEqualTo(Instant.ofEpochSecond(0, Long.parseLong("187d2a3f0c1e2b3a", 16)));
    assertThat(ReferenceLatency.nameTime("no-suffix")).isNull();
    assertThat(ReferenceLatency.nameTime("web-1.not-hex")).isNull();
  }

  @Test
  void comparesTheToursFiguresPerPodWithEachMethodIncludingTheAuditTimes() {
    ClusterTour tour = tour();
    ReferenceLatency.Result r =
        ReferenceLatency.analyze(
            List.of(tour), Map.of("ns/web-1", pod(), "elsewhere/x-1", pod()), events());

    assertThat(r.pods()).isEqualTo(1);
    assertThat(r.podsWithTourFigures()).isEqualTo(1);
    ReferenceLatency.Comparison audit =
        r.comparisons().stream()
            .filter(c -> c.method().equals(ReferenceLatency.AUDIT))
            .filter(c -> c.tourPhase().equals("createToScheduled"))
            .findFirst()
            .orElseThrow();
    // audit: create pods at .400100, pods/binding at .512300
    assertThat(audit.referenceMs().p50())
        .isEqualTo(112.2, org.assertj.core.data.Offset.offset(1e-6));
    // tour: 511 ms on the cluster clock (creationTimestamp → Scheduled), watch 100 ms
    assertThat(audit.tourMsMinusReference().p50())
        .isEqualTo(398.8, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(audit.tourWatchMsMinusReference().p50())
        .isEqualTo(-12.2, org.assertj.core.data.Offset.offset(1e-6));

    // binding at .5123, the status write that made Running received at 2.24
    assertThat(ReferenceLatency.auditTimes(tour).get("web-1"))
        .containsEntry("ContainerRunning", Instant.parse("2026-01-01T10:00:02.240Z"))
        .doesNotContainKey("PodReady");
    assertThat(
            r.phases().stream()
                .filter(p -> p.method().equals(ReferenceLatency.AUDIT))
                .filter(p -> p.phase().equals("scheduledToRunning"))
                .findFirst()
                .orElseThrow()
                .ms()
                .p50())
        .isEqualTo(1727.7, org.assertj.core.data.Offset.offset(1e-6));

    ReferenceLatency.Comparison cl2 =
        r.comparisons().stream()
            .filter(c -> c.method().equals(ReferenceLatency.CL2))
            .filter(c -> c.tourPhase().equals("createToScheduled"))
            .findFirst()
            .orElseThrow();
    assertThat(cl2.methodPhase()).isEqualTo("create_to_schedule");
    assertThat(cl2.tourMsMinusReference().p50())
        .isEqualTo(0.3, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(r.phases())
        .anySatisfy(
            p -> {
              assertThat(p.method()).isEqualTo(ReferenceLatency.KUBE_BURNER);
              assertThat(p.phase()).isEqualTo("containersStarted");
              assertThat(p.ms().p50()).isEqualTo(2123.0);
            });
  }

  private static ClusterTour tour() {
    Stop ns = new Stop();
    ns.name = "namespace";
    ns.type = Stop.StopType.Namespace;
    ns.namespace = new NamespaceStop();
    ns.namespace.name = "ns";
    ClusterTour t = new ClusterTour();
    t.setMetadata(new ObjectMetaBuilder().withName("t").build());
    t.setSpec(new ClusterTourSpec());
    t.getSpec().stops = List.of(ns);
    StopStatus s = new StopStatus();
    s.name = "web";
    s.timeline =
        List.of(
            entry("PodCreated", "2026-01-01T10:00:00.400100Z", List.of("audit")),
            entry("PodBound", "2026-01-01T10:00:00.512300Z", List.of("audit")),
            // without audit the entry's time is no API server time
            entry("PodReady", "2026-01-01T10:00:02Z", null),
            // the kubelet's status writes: the operator received Running at 2.300, so the patch
            // answered at 2.2401 made it, not the one answered after
            patch("2026-01-01T10:00:01.900000Z", "2026-01-01T10:00:01.905Z"),
            patch("2026-01-01T10:00:02.240000Z", "2026-01-01T10:00:02.2401Z"),
            patch("2026-01-01T10:00:02.290000Z", "2026-01-01T10:00:02.310Z"),
            received("ContainerRunning", "2026-01-01T10:00:02.300Z"));
    s.latencies = new Latencies();
    s.latencies.first = new PodLatencies();
    s.latencies.first.pod = "web-1";
    s.latencies.first.createToScheduled = new LatencyPhase();
    s.latencies.first.createToScheduled.ms = 511L;
    s.latencies.first.createToScheduled.watchMs = 100L;
    t.setStatus(new ClusterTourStatus());
    t.getStatus().stops = List.of(s);
    return t;
  }

  private static TimelineEntry patch(String time, String until) {
    TimelineEntry e = entry("patch pods/status", time, null);
    e.source = "audit";
    e.precision = "us";
    e.until = until;
    return e;
  }

  private static TimelineEntry received(String reason, String at) {
    TimelineEntry e = entry(reason, "2026-01-01T10:00:02Z", null);
    e.receivedAt = at;
    return e;
  }

  private static TimelineEntry entry(String reason, String time, List<String> via) {
    TimelineEntry e = new TimelineEntry();
    e.source = "watch";
    e.object = "Pod/web-1";
    e.reason = reason;
    e.time = time;
    e.precision = via == null ? "s" : "us";
    e.via = via;
    return e;
  }
}
