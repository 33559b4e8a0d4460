package io.clustertour.operator.compare;

import static io.clustertour.operator.compare.Entries.event;
import static io.clustertour.operator.compare.Entries.pod;
import static io.clustertour.operator.compare.Entries.watch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.ClusterTourSpec.Language;
import io.clustertour.operator.api.FlowStepResult;
import io.clustertour.operator.api.Stop.StopType;
import io.clustertour.operator.api.TimelineEntry;
import io.clustertour.operator.api.Verdict;
import io.clustertour.operator.observe.CausalOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped Deployment flow on stops that broke off, and on several pods at once. */
class ShippedFlowsDivergenceTest {
  private static final String T = "2025-01-01T12:00:";

  private static List<FlowStepResult> grade(List<TimelineEntry> timeline, String divergence) {
    List<TimelineEntry> ordered =
        CausalOrder.order(new ArrayList<>(timeline), Instant.parse(T + "00Z"));
    return FlowMatcher.grade(
        FlowCatalog.shipped().flow(StopType.Deployment), ordered, Language.en, divergence);
  }

  private static Map<String, Verdict> verdicts(List<FlowStepResult> results) {
    Map<String, Verdict> v = new LinkedHashMap<>();
    results.forEach(r -> v.put(r.claim, r.verdict));
    return v;
  }

  private static FlowStepResult claim(List<FlowStepResult> results, String claim) {
    return results.stream().filter(r -> claim.equals(r.claim)).findFirst().orElseThrow();
  }

  private static TimelineEntry request() {
    TimelineEntry e =
        watch(1, "clustertour-operator", "DeploymentCreated", "Deployment/web", T + "00.010Z");
    e.source = "request";
    e.time = T + "00.004Z";
    e.precision = "ms";
    return e;
  }

  /** A pod whose image does not exist: created, bound, the kubelet tried to pull and failed. */
  private static List<TimelineEntry> failedPull() {
    return List.of(
        request(),
        watch(2, "deployment-controller", "ReplicaSetCreated", "ReplicaSet/web-1", T + "00.030Z"),
        pod(3, "replicaset-controller", "PodCreated", "web-1-a", "uid-of-web-1-a", T + "00.050Z"),
        pod(4, "default-scheduler", "PodBound", "web-1-a", "uid-of-web-1-a", T + "00.070Z"),
        event(5, "default-scheduler", "Scheduled", "Pod/web-1-a", T + "00.065123Z", "us"),
        event(6, "kubelet", "Pulling", "Pod/web-1-a", T + "01Z", "s"),
        event(7, "kubelet", "Failed", "Pod/web-1-a", T + "02Z", "s"),
        event(8, "kubelet", "BackOff", "Pod/web-1-a", T + "03Z", "s"));
  }

  @Test
  void aFailedPullContradictsTheMythsFromThePathTheClusterDidTake() {
    List<FlowStepResult> results = grade(failedPull(), "Diverged: ErrImagePull");
    Map<String, Verdict> v = verdicts(results);

    assertEquals(Verdict.Contradicted, v.get("C06"), v.toString());
    assertEquals(Verdict.Contradicted, v.get("C05"), v.toString());
    assertEquals(Verdict.Contradicted, v.get("C04"), v.toString());
    assertEquals(Verdict.Contradicted, v.get("C03"), v.toString());
    assertEquals(Verdict.Observed, v.get("C10"), "the kubelet did start pulling");
    assertEquals(Verdict.NotReached, v.get("C07"), "the container never ran");
    assertEquals(Verdict.NotReached, v.get("C11"));
    assertEquals(Verdict.NotReached, v.get("C12"));
    assertTrue(v.values().stream().noneMatch(Verdict.Missing::equals), v.toString());
    assertTrue(
        claim(results, "C06").evidence.contains("Pulling by kubelet"),
        "the evidence goes as far as the pod got: " + claim(results, "C06").evidence);
    assertTrue(claim(results, "C11").evidence.startsWith("Not reached"));
    assertTrue(claim(results, "C11").evidence.contains("ErrImagePull"));
  }

  @Test
  void theSameTimelineOnACompletedStopCallsTheGapsMissing() {
    Map<String, Verdict> v = verdicts(grade(failedPull(), null));
    assertEquals(Verdict.Missing, v.get("C11"));
    assertFalse(v.containsValue(Verdict.NotReached));
  }

  @Test
  void anUnschedulablePodNeverReachedTheKubeletSoTheSchedulerMythsAreNotReached() {
    List<TimelineEntry> t =
        List.of(
            request(),
            pod(
                2,
                "replicaset-controller",
                "PodCreated",
                "web-1-a",
                "uid-of-web-1-a",
                T + "00.050Z"),
            event(3, "default-scheduler", "FailedScheduling", "Pod/web-1-a", T + "00.06Z", "us"));
    Map<String, Verdict> v = verdicts(grade(t, "Diverged: FailedScheduling"));
    assertEquals(Verdict.Contradicted, v.get("C06"), "the controller only created a Pod object");
    assertEquals(Verdict.NotReached, v.get("C05"));
    assertEquals(Verdict.NotReached, v.get("C13"));
  }

  @Test
  void evidenceChainsStayWithinOnePodWhenPodsInterleave() {
    // two replicas: pod b was created after a but bound and started before it
    List<TimelineEntry> t = new ArrayList<>();
    t.add(request());
    t.add(
        pod(2, "replicaset-controller", "PodCreated", "web-1-a", "uid-of-web-1-a", T + "00.050Z"));
    t.add(
        pod(3, "replicaset-controller", "PodCreated", "web-1-b", "uid-of-web-1-b", T + "00.051Z"));
    t.add(pod(4, "default-scheduler", "PodBound", "web-1-b", "uid-of-web-1-b", T + "00.060Z"));
    t.add(pod(5, "default-scheduler", "PodBound", "web-1-a", "uid-of-web-1-a", T + "00.061Z"));
    t.add(pod(6, "kubelet", "ContainerRunning", "web-1-b", "uid-of-web-1-b", T + "01.200Z"));
    t.add(pod(7, "kubelet", "ContainerRunning", "web-1-a", "uid-of-web-1-a", T + "01.300Z"));
    List<FlowStepResult> results = grade(t, null);

    FlowStepResult order = claim(results, "C07");
    assertEquals(Verdict.Observed, order.verdict, order.evidence);
    assertTrue(order.evidence.contains("Pod/web-1-a"), order.evidence);
    assertFalse(order.evidence.contains("web-1-b"), "one pod's story: " + order.evidence);
    assertEquals(3, order.evidence.split("; then ").length - 1, order.evidence);
    for (String claim : List.of("C03", "C04", "C05", "C06")) {
      String evidence = claim(results, claim).evidence;
      assertFalse(
          evidence.contains("web-1-a") && evidence.contains("web-1-b"),
          claim + " mixes pods: " + evidence);
    }
  }
}
