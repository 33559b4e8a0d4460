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
import io.clustertour.operator.api.StopState;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.api.TimelineEntry;
import io.clustertour.operator.api.WorkloadStop;
import io.clustertour.operator.testsupport.EventCoverage.EventRef;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunAnalysisTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void measuresCompletenessLagsAndLatencyAgainstTheIndependentRecords() {
    ClusterTour tour = tour();
    EventRef scheduled =
        new EventRef(
            "u1",
            "ns",
            "Pod/web-1",
            "Scheduled",
            "default-scheduler",
            T0.plusMillis(1_100),
            "us",
            T0.plusMillis(1_150));
    EventRef started =
        new EventRef(
            "u2",
            "ns",
            "Pod/web-1",
            "Started",
            "kubelet",
            T0.plusSeconds(2),
            "s",
            T0.plusMillis(2_000));
    EventRef afterTheTour =
        new EventRef(
            "u3",
            "ns",
            "Pod/web-1",
            "Killing",
            "kubelet",
            T0.plusSeconds(9),
            "s",
            T0.plusSeconds(9));
    EventRef otherNamespace =
        new EventRef(
            "u4",
            "other",
            "Pod/x",
            "Started",
            "kubelet",
            T0.plusSeconds(2),
            "s",
            T0.plusSeconds(2));
    IndependentWatcher.PodTimes pod = new IndependentWatcher.PodTimes();
    pod.created = T0.plusMillis(1_000);
    pod.scheduled = T0.plusMillis(1_120);
    pod.running = T0.plusMillis(1_900);
    pod.ready = T0.plusMillis(1_950);

    RunAnalysis.Result r =
        RunAnalysis.analyze(
            List.of(tour),
            Map.of("u1", scheduled, "u2", started, "u3", afterTheTour, "u4", otherNamespace),
            Map.of("ns/web-1", pod),
            Map.of("t#2", T0.plusMillis(1_900), "t#3", T0.plusMillis(2_500)));

    assertThat(r.completeness().relevant()).isEqualTo(2);
    assertThat(r.completeness().matched()).isEqualTo(1);
    assertThat(r.completeness().missing()).isEqualTo(1);
    assertThat(r.completeness().missingExamples()).containsExactly("t: kubelet Started Pod/web-1");
    // the operator received Scheduled at 1.160 s (stop start 1.000 s + 160 ms)
    assertThat(r.lags().operatorMinusIndependent().max()).isEqualTo(10.0);
    assertThat(r.lags().operatorMinusEventTime().max()).isEqualTo(60.0);
    assertThat(r.lags().independentMinusEventTime().max()).isEqualTo(50.0);
    assertThat(r.lags().statusVisibleMinusIndependent().max()).isEqualTo(750.0);
    assertThat(r.podsCompared()).isEqualTo(1);
    RunAnalysis.Phase scheduling = r.latency().get(0);
    assertThat(scheduling.tourMs().p50()).isEqualTo(100.0);
    assertThat(scheduling.independentMs().p50()).isEqualTo(120.0);
    assertThat(scheduling.differenceMs().p50()).isEqualTo(-20.0);

    RunAnalysis.StopTypeFigures deployment =
        r.stopTypes().stream().filter(t -> t.type().equals("Deployment")).findFirst().orElseThrow();
    assertThat(deployment.stops()).isEqualTo(1);
    assertThat(deployment.durationMs().p50()).isEqualTo(4000.0);
    assertThat(deployment.operatorMinusIndependent().max()).isEqualTo(10.0);
    // operator 60 ms after the eventTime, the independent watcher 50 ms
    assertThat(deployment.operatorOverIndependentFromEventTimeP50()).isEqualTo(1.2);
    RunAnalysis.StopTypeFigures namespace =
        r.stopTypes().stream().filter(t -> t.type().equals("Namespace")).findFirst().orElseThrow();
    assertThat(namespace.operatorMinusIndependent().count()).isZero();
    assertThat(namespace.operatorOverIndependentFromEventTimeP50()).isNull();
  }

  private static ClusterTour tour() {
    Stop ns = new Stop();
    ns.name = "namespace";
    ns.type = Stop.StopType.Namespace;
    ns.namespace = new NamespaceStop();
    ns.namespace.name = "ns";
    Stop web = new Stop();
    web.name = "web";
    web.type = Stop.StopType.Deployment;
    web.deployment = new WorkloadStop();
    web.deployment.namespace = "ns";
    ClusterTour t = new ClusterTour();
    t.setMetadata(new ObjectMetaBuilder().withName("t").build());
    t.setSpec(new ClusterTourSpec());
    t.getSpec().stops = List.of(ns, web);
    StopStatus s1 = status("namespace", "2026-01-01T10:00:00.000Z", "2026-01-01T10:00:01.000Z");
    StopStatus s2 = status("web", "2026-01-01T10:00:01.000Z", "2026-01-01T10:00:05.000Z");
    s2.timeline =
        List.of(
            entry(1, "watch", "Pod/web-1", "PodCreated", "replicaset-controller", null, 0),
            entry(
                2,
                "event",
                "Pod/web-1",
                "Scheduled",
                "default-scheduler",
                "2026-01-01T10:00:01.100000Z",
                160));
    s2.latencies = new Latencies();
    s2.latencies.first = new PodLatencies();
    s2.latencies.first.pod = "web-1";
    s2.latencies.first.createToScheduled = new LatencyPhase();
    // the cluster-clock figure is not comparable with receive times: only watchMs is compared
    s2.latencies.first.createToScheduled.ms = 0L;
    s2.latencies.first.createToScheduled.precision = "s";
    s2.latencies.first.createToScheduled.watchMs = 100L;
    t.setStatus(new ClusterTourStatus());
    t.getStatus().stops = List.of(s1, s2);
    return t;
  }

  private static StopStatus status(String name, String start, String end) {
    StopStatus s = new StopStatus();
    s.name = name;
    s.state = StopState.Completed;
    s.startedAt = start;
    s.finishedAt = end;
    return s;
  }

  private static TimelineEntry entry(
      long seq,
      String source,
      String object,
      String reason,
      String component,
      String time,
      long offsetMs) {
    TimelineEntry e = new TimelineEntry();
    e.seq = seq;
    e.source = source;
    e.object = object;
    e.reason = reason;
    e.component = component;
    e.time = time;
    e.precision = time == null ? "ms" : "us";
    e.offsetMs = offsetMs;
    return e;
  }
}
