package io.clustertour.operator.web;

import io.clustertour.operator.api.ActivitySpan;
import io.clustertour.operator.api.ClusterInfo;
import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.ClusterTourSpec;
import io.clustertour.operator.api.ClusterTourStatus;
import io.clustertour.operator.api.FlowStepResult;
import io.clustertour.operator.api.Latencies;
import io.clustertour.operator.api.LatencyPhase;
import io.clustertour.operator.api.NodeSummary;
import io.clustertour.operator.api.PodLatencies;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopState;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.api.TimelineEntry;
import io.clustertour.operator.api.TourState;
import io.clustertour.operator.api.Verdict;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** Hand-made tours with a realistic status, for the web and report tests. */
public final class SampleTour {
  private SampleTour() {}

  /** A finished Deployment tour: one Observed, one Contradicted, one NotObservable step. */
  public static ClusterTour completed(String name, ClusterTourSpec.Language language) {
    ClusterTour tour = new ClusterTour();
    tour.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withCreationTimestamp("2025-01-01T10:00:00Z")
            .build());
    ClusterTourSpec spec = new ClusterTourSpec();
    spec.language = language;
    tour.setSpec(spec);

    ClusterTourStatus s = new ClusterTourStatus();
    s.state = TourState.Diverged;
    s.stopsDone = "1/1";
    s.verdictSummary = "1 observed, 1 contradicted, 1 not observable";
    s.summary = "The scheduler never called the kubelet: the kubelet watched the pod.";
    s.conditions.add(
        new ConditionBuilder()
            .withType("Completed")
            .withStatus("True")
            .withReason("AllStopsEnded")
            .build());
    s.conditions.add(
        new ConditionBuilder()
            .withType("MatchesDocumentation")
            .withStatus("False")
            .withReason("Contradicted")
            .build());
    ClusterInfo c = new ClusterInfo();
    c.serverVersion = "v1.33.13";
    c.distribution = "kind";
    c.nodeCount = 1;
    NodeSummary node = new NodeSummary();
    node.name = "kind-control-plane";
    node.ready = "True";
    node.containerRuntime = "containerd://1.7.18";
    node.kubeletVersion = "v1.33.13";
    c.nodes.add(node);
    s.cluster = c;

    StopStatus stop = new StopStatus();
    stop.name = "web";
    stop.type = Stop.StopType.Deployment;
    stop.state = StopState.Diverged;
    stop.startedAt = "2025-01-01T10:00:01.000Z";
    stop.finishedAt = "2025-01-01T10:00:03.500Z";
    stop.droppedEntries = 4;
    stop.repeatedEvents = 1;
    stop.timeline.add(
        entry(1, 12, "ms", "deployment-controller", "ScalingReplicaSet", "Deployment/web", null));
    stop.timeline.add(entry(2, 40, "us", "default-scheduler", "Scheduled", "Pod/web-1", null));
    stop.timeline.add(entry(3, 900, "s", "kubelet", "Pulled", "Pod/web-1", 3));
    stop.timeline.add(entry(4, 950, "s", "kube-proxy", "Odd", "Pod/web-1", null));
    stop.flow.add(
        step("deployment.scheduled", "C07", "default-scheduler", Verdict.Observed, 2L, 40L));
    stop.flow.add(
        step("deployment.push", "C09", "default-scheduler", Verdict.Contradicted, 3L, 900L));
    stop.flow.add(step("deployment.etcd", "C03", "etcd", Verdict.NotObservable, null, null));
    Latencies l = new Latencies();
    l.pods = 2;
    l.first = pod("web-1");
    l.first.createToScheduled = phase(0, "s", "creationTimestamp", "Scheduled.eventTime", 28L);
    l.first.createToReady =
        phase(1000, "s", "creationTimestamp", "Ready.lastTransitionTime", 1400L);
    l.slowest = pod("web-2");
    l.slowest.createToReady =
        phase(2000, "s", "creationTimestamp", "Ready.lastTransitionTime", null);
    stop.latencies = l;
    ActivitySpan a = new ActivitySpan();
    a.ms = 1000L;
    a.precision = "s";
    a.firstSeq = 1L;
    a.lastSeq = 4L;
    a.watchMs = 938L;
    stop.activity = a;
    s.stops.add(stop);
    tour.setStatus(s);
    return tour;
  }

  static PodLatencies pod(String name) {
    PodLatencies p = new PodLatencies();
    p.pod = name;
    return p;
  }

  static LatencyPhase phase(long ms, String precision, String from, String to, Long watchMs) {
    LatencyPhase p = new LatencyPhase();
    p.ms = ms;
    p.precision = precision;
    p.from = from;
    p.to = to;
    p.watchMs = watchMs;
    return p;
  }

  static TimelineEntry entry(
      long seq,
      long offset,
      String precision,
      String component,
      String reason,
      String object,
      Integer count) {
    TimelineEntry e = new TimelineEntry();
    e.seq = seq;
    e.offsetMs = offset;
    e.precision = precision;
    e.time = "2025-01-01T10:00:01Z";
    e.component = component;
    e.reason = reason;
    e.object = object;
    e.message = "message of " + reason;
    e.source = "event";
    e.count = count;
    return e;
  }

  static FlowStepResult step(
      String id, String claim, String component, Verdict verdict, Long seq, Long offset) {
    FlowStepResult f = new FlowStepResult();
    f.step = id;
    f.claim = claim;
    f.component = component;
    f.claimText = "claim text of " + id;
    f.verdict = verdict;
    f.evidence = "evidence for " + id;
    f.evidenceSeq = seq;
    f.offsetMs = offset;
    return f;
  }
}
