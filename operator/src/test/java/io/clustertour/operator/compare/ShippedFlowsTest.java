package io.clustertour.operator.compare;

import static io.clustertour.operator.compare.Entries.event;
import static io.clustertour.operator.compare.Entries.inventory;
import static io.clustertour.operator.compare.Entries.watch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.ClusterTourSpec.Language;
import io.clustertour.operator.api.FlowStepResult;
import io.clustertour.operator.api.Stop.StopType;
import io.clustertour.operator.api.TimelineEntry;
import io.clustertour.operator.api.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped flows graded against timelines shaped like those of real clusters. */
class ShippedFlowsTest {

  private static final String T = "2025-01-01T12:00:";

  private static Map<String, Verdict> grade(StopType type, List<TimelineEntry> timeline) {
    Map<String, Verdict> verdicts = new LinkedHashMap<>();
    for (FlowStepResult r :
        FlowMatcher.grade(FlowCatalog.shipped().flow(type), timeline, Language.en)) {
      verdicts.put(r.claim + " " + r.step, r.verdict);
    }
    return verdicts;
  }

  /** A Deployment with one replica on a cluster that had to pull the image. */
  private static List<TimelineEntry> deploymentStart() {
    return List.of(
        watch(1, "clustertour-operator", "DeploymentCreated", "Deployment/web", T + "00.010Z"),
        watch(2, "deployment-controller", "ReplicaSetCreated", "ReplicaSet/web-1", T + "00.030Z"),
        event(3, "deployment-controller", "ScalingReplicaSet", "Deployment/web", T + "00Z", "s"),
        watch(4, "replicaset-controller", "PodCreated", "Pod/web-1-a", T + "00.050Z"),
        event(5, "replicaset-controller", "SuccessfulCreate", "ReplicaSet/web-1", T + "00Z", "s"),
        watch(6, "default-scheduler", "PodBound", "Pod/web-1-a", T + "00.070Z"),
        event(7, "default-scheduler", "Scheduled", "Pod/web-1-a", T + "00.065123Z", "us"),
        event(8, "kubelet", "Pulling", "Pod/web-1-a", T + "00Z", "s"),
        event(9, "kubelet", "Pulled", "Pod/web-1-a", T + "02Z", "s"),
        event(10, "kubelet", "Created", "Pod/web-1-a", T + "02Z", "s"),
        event(11, "kubelet", "Started", "Pod/web-1-a", T + "02Z", "s"),
        watch(12, "kubelet", "ContainerRunning", "Pod/web-1-a", T + "02.400Z"),
        watch(13, "kubelet", "PodReady", "Pod/web-1-a", T + "02.500Z"),
        watch(14, "deployment-controller", "DeploymentAvailable", "Deployment/web", T + "02.600Z"));
  }

  @Test
  void deploymentOnARealClusterShowsTheMythsAsContradicted() {
    Map<String, Verdict> v = grade(StopType.Deployment, deploymentStart());

    assertEquals(Verdict.Observed, v.get("C01 deployment.request"));
    assertEquals(Verdict.NotObservable, v.get("C02 deployment.etcd"));
    assertEquals(Verdict.Contradicted, v.get("C06 deployment.controller-to-kubelet"));
    assertEquals(Verdict.Observed, v.get("C07 deployment.control-loop-order"));
    assertEquals(Verdict.NotObservable, v.get("C08 deployment.watch"));
    assertEquals(Verdict.Contradicted, v.get("C03 deployment.ask-scheduler"));
    assertEquals(Verdict.Observed, v.get("C13 deployment.scheduled"));
    assertEquals(Verdict.Contradicted, v.get("C04 deployment.apiserver-to-kubelet"));
    assertEquals(Verdict.Contradicted, v.get("C05 deployment.scheduler-to-kubelet"));
    assertEquals(Verdict.Observed, v.get("C10 deployment.pull"));
    assertEquals(Verdict.Observed, v.get("C11 deployment.pod-unit"));
    assertEquals(Verdict.Observed, v.get("C18 deployment.ready"));
    assertEquals(Verdict.Observed, v.get("C12 deployment.available"));
  }

  @Test
  void etcdWatchStepQuotesIncreasingResourceVersions() {
    FlowStepResult watchStep =
        FlowMatcher.grade(
                FlowCatalog.shipped().flow(StopType.Deployment), deploymentStart(), Language.en)
            .stream()
            .filter(r -> r.step.equals("deployment.watch"))
            .findFirst()
            .orElseThrow();
    assertTrue(watchStep.evidence.contains("PodCreated by replicaset-controller"));
    assertTrue(watchStep.evidence.contains("etcd revision 1004"), watchStep.evidence);
    assertTrue(watchStep.evidence.contains("then PodBound"), watchStep.evidence);
    assertTrue(watchStep.evidence.contains("etcd revision 1006"), watchStep.evidence);
  }

  @Test
  void cachedImageMakesThePullNotObservable() {
    List<TimelineEntry> cached =
        deploymentStart().stream().filter(e -> !"Pulling".equals(e.reason)).toList();
    assertEquals(
        Verdict.NotObservable, grade(StopType.Deployment, cached).get("C10 deployment.pull"));
  }

  @Test
  void unschedulablePodShowsWhereTheFlowBroke() {
    List<TimelineEntry> stuck =
        List.of(
            watch(1, "clustertour-operator", "DeploymentCreated", "Deployment/big", T + "00.010Z"),
            event(
                2, "deployment-controller", "ScalingReplicaSet", "Deployment/big", T + "00Z", "s"),
            event(
                3, "replicaset-controller", "SuccessfulCreate", "ReplicaSet/big-1", T + "00Z", "s"),
            event(4, "default-scheduler", "FailedScheduling", "Pod/big-1-a", T + "00.1Z", "us"));

    List<FlowStepResult> results =
        FlowMatcher.grade(FlowCatalog.shipped().flow(StopType.Deployment), stuck, Language.en);

    FlowStepResult scheduled =
        results.stream().filter(r -> r.step.equals("deployment.scheduled")).findFirst().get();
    assertEquals(Verdict.Missing, scheduled.verdict);
    assertTrue(scheduled.evidence.contains("FailedScheduling"), scheduled.evidence);
    assertTrue(VerdictCounts.of(results).missing() > 0);
  }

  @Test
  void failedJobLeavesCompletionMissingWithTheBackoffAsLastSign() {
    List<TimelineEntry> failed =
        List.of(
            watch(1, "clustertour-operator", "JobCreated", "Job/fail", T + "00.010Z"),
            event(2, "job-controller", "SuccessfulCreate", "Job/fail", T + "00Z", "s"),
            event(3, "default-scheduler", "Scheduled", "Pod/fail-a", T + "00.2Z", "us"),
            event(4, "kubelet", "Started", "Pod/fail-a", T + "01Z", "s"),
            event(5, "job-controller", "BackoffLimitExceeded", "Job/fail", T + "03Z", "s"));

    List<FlowStepResult> results =
        FlowMatcher.grade(FlowCatalog.shipped().flow(StopType.Job), failed, Language.en);

    FlowStepResult complete = results.get(results.size() - 1);
    assertEquals("job.complete", complete.step);
    assertEquals(Verdict.Missing, complete.verdict);
    assertTrue(complete.evidence.contains("BackoffLimitExceeded"), complete.evidence);
    assertEquals(Verdict.Observed, results.get(2).verdict);
  }

  @Test
  void k3sInventoryContradictsTheDockerAndKubeSystemClaims() {
    Map<String, Verdict> v =
        grade(
            StopType.Inventory,
            List.of(
                inventory(1, "kube-apiserver", "ServerVersion"),
                inventory(2, "kubelet", "NodeRegistered"),
                inventory(3, "kubelet", "NodeStatus"),
                inventory(4, "kubelet", "KubeletReporting"),
                inventory(5, "containerd", "ContainerRuntime"),
                inventory(6, "kubelet", "NodesRegisteredThemselves"),
                inventory(7, "kube-apiserver", "NodeStatusReported"),
                inventory(8, "kubelet", "KubeletOnEveryNode"),
                inventory(9, "kubelet", "KubeletSpeaksCri"),
                inventory(10, "kube-system", "ControlPlaneHidden"),
                inventory(11, "kube-system", "AddonPods"),
                inventory(12, "kube-apiserver", "ApiResourceScopes"),
                inventory(13, "k3s", "Distribution"),
                inventory(14, "kube-apiserver", "SingleNodeCluster"),
                inventory(15, "kube-apiserver", "ListServedFromWatchCache"),
                inventory(16, "node-lifecycle-controller", "NodeLifecycleNotExercised")));

    assertEquals(Verdict.Observed, v.get("C01 inventory.api-request"));
    assertEquals(Verdict.Contradicted, v.get("C09 inventory.runtime"));
    assertEquals(Verdict.Observed, v.get("C22 inventory.node-registers"));
    assertEquals(Verdict.Observed, v.get("C21 inventory.node-status"));
    assertEquals(Verdict.Observed, v.get("C18 inventory.kubelet-everywhere"));
    assertEquals(Verdict.Contradicted, v.get("C19 inventory.control-plane-pods"));
    assertEquals(Verdict.Observed, v.get("C20 inventory.addons"));
    assertEquals(Verdict.NotObservable, v.get("C17 inventory.node-controller"));
    assertEquals(Verdict.Contradicted, v.get("C23 inventory.list-from-etcd"));
    assertEquals(Verdict.NotObservable, v.get("C25 inventory.minikube-single-node"));
  }

  @Test
  void minikubeWithDockerObservesTheSingleNodeClaimButNotDockerCommands() {
    Map<String, Verdict> v =
        grade(
            StopType.Inventory,
            List.of(
                inventory(1, "docker", "ContainerRuntime"),
                inventory(2, "kubelet", "KubeletSpeaksCri"),
                inventory(3, "minikube", "Distribution"),
                inventory(4, "kube-apiserver", "SingleNodeCluster"),
                inventory(5, "kube-system", "ControlPlanePods")));

    assertEquals(Verdict.Contradicted, v.get("C09 inventory.runtime"), "the kubelet talks CRI");
    assertEquals(Verdict.Observed, v.get("C25 inventory.minikube-single-node"));
    assertEquals(Verdict.Observed, v.get("C19 inventory.control-plane-pods"));
    assertEquals(Verdict.NotObservable, v.get("C23 inventory.list-from-etcd"));
  }

  @Test
  void nodeClaimsFailWhenANodeDoesNotBearThemOut() {
    Map<String, Verdict> v =
        grade(
            StopType.Inventory,
            List.of(
                inventory(1, "kubectl-create", "NodesRegisteredByOthers"),
                inventory(2, "kube-apiserver", "NodeStatusIncomplete"),
                inventory(3, "kube-apiserver", "KubeletNotOnEveryNode"),
                inventory(4, "kubelet", "KubeletUsesDockershim")));

    assertEquals(Verdict.Contradicted, v.get("C22 inventory.node-registers"));
    assertEquals(Verdict.Contradicted, v.get("C21 inventory.node-status"));
    assertEquals(Verdict.Contradicted, v.get("C18 inventory.kubelet-everywhere"));
    assertEquals(
        Verdict.Observed, v.get("C09 inventory.runtime"), "a pre-1.24 kubelet's dockershim");
    assertEquals(
        Verdict.NotObservable,
        grade(
                StopType.Inventory,
                List.of(inventory(1, "kube-apiserver", "NodeRegistrationUnknown")))
            .get("C22 inventory.node-registers"));
  }

  @Test
  void scaleDownUsesTheDownwardAlternatives() {
    Map<String, Verdict> v =
        grade(
            StopType.Scale,
            List.of(
                watch(
                    1, "clustertour-operator", "DeploymentScaled", "Deployment/web", T + "00.01Z"),
                event(
                    2,
                    "deployment-controller",
                    "ScalingReplicaSet",
                    "Deployment/web",
                    T + "00Z",
                    "s"),
                event(
                    3,
                    "replicaset-controller",
                    "SuccessfulDelete",
                    "ReplicaSet/web-1",
                    T + "00Z",
                    "s"),
                event(4, "kubelet", "Killing", "Pod/web-1-b", T + "00Z", "s"),
                watch(5, "kubelet", "PodDeleted", "Pod/web-1-b", T + "01.5Z")));

    assertEquals(Verdict.Observed, v.get("C12 scale.replicaset"));
    assertEquals(Verdict.NotObservable, v.get("C13 scale.scheduled"));
    assertEquals(Verdict.Observed, v.get("C18 scale.kubelet"));
    assertEquals(Verdict.Contradicted, v.get("C06 scale.controller-to-kubelet"));
  }

  @Test
  void deletePodToleratesTheRaceBetweenReplacementAndKilling() {
    Map<String, Verdict> v =
        grade(
            StopType.DeletePod,
            List.of(
                event(
                    1,
                    "replicaset-controller",
                    "SuccessfulCreate",
                    "ReplicaSet/web-1",
                    T + "00Z",
                    "s"),
                watch(2, "replicaset-controller", "PodCreated", "Pod/web-1-c", T + "00.02Z"),
                event(3, "kubelet", "Killing", "Pod/web-1-a", T + "00Z", "s"),
                event(4, "default-scheduler", "Scheduled", "Pod/web-1-c", T + "00.03Z", "us"),
                watch(5, "default-scheduler", "PodBound", "Pod/web-1-c", T + "00.04Z"),
                event(6, "kubelet", "Started", "Pod/web-1-c", T + "01Z", "s"),
                watch(7, "kubelet", "PodReady", "Pod/web-1-c", T + "01.5Z"),
                watch(8, "kubelet", "PodDeleted", "Pod/web-1-a", T + "02Z")));

    assertTrue(v.values().stream().noneMatch(Verdict.OutOfOrder::equals), v.toString());
    assertEquals(Verdict.Observed, v.get("C18 delete.kill"));
    assertEquals(Verdict.Observed, v.get("C12 delete.ready"));
  }
}
