package io.clustertour.operator.reconcile;

import static io.clustertour.operator.reconcile.Fixtures.T0;
import static io.clustertour.operator.reconcile.Fixtures.activeNamespace;
import static io.clustertour.operator.reconcile.Fixtures.boundPod;
import static io.clustertour.operator.reconcile.Fixtures.deploymentObject;
import static io.clustertour.operator.reconcile.Fixtures.event;
import static io.clustertour.operator.reconcile.Fixtures.readyPod;
import static io.clustertour.operator.reconcile.Fixtures.waitingPod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopState;
import io.clustertour.operator.observe.Observation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StopJudgeTest {
  static final Stop WEB = Fixtures.deployment("web", "tour-ns", 2);

  static Judgement judge(Stop stop, ClusterSnapshot snapshot, Observation... window) {
    return StopJudge.judge(stop, snapshot, List.of(window), T0, "tour-ns");
  }

  static ClusterSnapshot workload(Deployment d, Pod... pods) {
    return new ClusterSnapshot(null, false, false, d, null, List.of(pods), List.of());
  }

  @Nested
  class NamespaceStop {
    final Stop stop = Fixtures.namespace("tour-ns");

    @Test
    void waitsUntilTheNamespaceIsOnTheWatch() {
      Judgement j = judge(stop, ClusterSnapshot.empty());

      assertEquals(StopState.Running, j.state());
      assertEquals("NamespaceNotSeen", j.reason());
    }

    @Test
    void namesTheSilentStepStillMissing() {
      ClusterSnapshot s =
          new ClusterSnapshot(activeNamespace("tour-ns"), true, false, null, null, null, null);

      Judgement j = judge(stop, s);

      assertEquals("RootCaConfigMapMissing", j.reason());
      assertTrue(j.message().contains("kube-root-ca.crt"), j.message());
    }

    @Test
    void completesWhenActiveWithServiceAccountAndRootCa() {
      ClusterSnapshot s =
          new ClusterSnapshot(activeNamespace("tour-ns"), true, true, null, null, null, null);

      assertEquals(StopState.Completed, judge(stop, s).state());
    }
  }

  @Nested
  class DeploymentStop {
    @Test
    void boundPodWithoutStartedContainerIsReportedWithItsNode() {
      Judgement j =
          judge(
              WEB,
              workload(
                  deploymentObject("web", 2, 0, false),
                  boundPod("web-1", "n1"),
                  boundPod("web-2", "n1")));

      assertEquals("ContainerNotStarted", j.reason());
      assertEquals("no kubelet Started event; pod web-1 bound to node n1", j.message());
    }

    @Test
    void waitsForTheReplicaSetControllerToCreateAllPods() {
      Judgement j =
          judge(WEB, workload(deploymentObject("web", 2, 0, false), boundPod("web-1", "n1")));

      assertEquals("PodsNotCreated", j.reason());
    }

    @Test
    void completesWhenAvailableWithAllReplicasReady() {
      Judgement j =
          judge(
              WEB,
              workload(
                  deploymentObject("web", 2, 2, true),
                  readyPod("web-1", "n1", "2025-03-01T10:00:01Z"),
                  readyPod("web-2", "n1", "2025-03-01T10:00:01Z")));

      assertEquals(StopState.Completed, j.state());
    }

    @Test
    void aPodStillInItsMinReadyWindowKeepsTheStopWaitingEvenWhenTheDeploymentIsAvailable() {
      // 4 replicas allow one unavailable: Available is True with 3 available, but the fourth
      // could still crash right after starting
      Deployment d = deploymentObject("web", 4, 4, true);
      d.getStatus().setAvailableReplicas(3);
      Judgement j =
          DeploymentKind.judge(
              workload(
                  d,
                  readyPod("web-1", "n1", "2025-03-01T10:00:01Z"),
                  readyPod("web-2", "n1", "2025-03-01T10:00:01Z"),
                  readyPod("web-3", "n1", "2025-03-01T10:00:01Z"),
                  readyPod("web-4", "n1", "2025-03-01T10:00:01Z")),
              4);

      assertEquals(StopState.Running, j.state());
      assertEquals("DeploymentNotAvailable", j.reason());
    }

    @Test
    void readyPodsAreNotEnoughWhileTheDeploymentIsNotAvailable() {
      Judgement j =
          judge(
              WEB,
              workload(
                  deploymentObject("web", 2, 1, false),
                  readyPod("web-1", "n1", "2025-03-01T10:00:01Z"),
                  readyPod("web-2", "n1", "2025-03-01T10:00:01Z")));

      assertEquals("DeploymentNotAvailable", j.reason());
    }

    @Test
    void zeroReplicasCompleteOnceTheDeploymentExistsWithoutPods() {
      Stop none = Fixtures.deployment("web", "tour-ns", 0);

      assertEquals(
          StopState.Completed, judge(none, workload(deploymentObject("web", 0, 0, true))).state());
      assertEquals("DeploymentNotSeen", judge(none, ClusterSnapshot.empty()).reason());
    }
  }

  @Nested
  class Divergence {
    @Test
    void kubeletFailedEventTakesThePreciseReasonFromTheContainerStatus() {
      Judgement j =
          judge(
              WEB,
              workload(
                  deploymentObject("web", 2, 0, false), waitingPod("web-1", "n1", "ErrImagePull")),
              event("kubelet", "Failed", "Pod", "web-1", 900));

      assertEquals(StopState.Diverged, j.state());
      assertEquals("ErrImagePull", j.reason());
      assertTrue(
          j.message().startsWith("kubelet reported ErrImagePull for pod web-1"), j.message());
    }

    @Test
    void containerStatusAloneIsEnoughEvidence() {
      Judgement j =
          judge(
              WEB,
              workload(
                  deploymentObject("web", 1, 0, false),
                  waitingPod("web-1", "n1", "ImagePullBackOff")));

      assertEquals("ImagePullBackOff", j.reason());
    }

    @Test
    void crashLoopIsDiverged() {
      Judgement j =
          judge(
              WEB,
              workload(
                  deploymentObject("web", 1, 0, false),
                  waitingPod("web-1", "n1", "CrashLoopBackOff")),
              event("kubelet", "BackOff", "Pod", "web-1", 3000));

      assertEquals("CrashLoopBackOff", j.reason());
    }

    @Test
    void schedulerFailedSchedulingEventDiverges() {
      Judgement j =
          judge(
              WEB,
              workload(deploymentObject("web", 1, 0, false), Fixtures.pendingPod("web-1")),
              event("default-scheduler", "FailedScheduling", "Pod", "web-1", 100));

      assertEquals("FailedScheduling", j.reason());
    }

    @Test
    void unschedulableConditionDivergesWithoutTheEvent() {
      Judgement j =
          judge(
              WEB,
              workload(deploymentObject("web", 1, 0, false), Fixtures.unschedulablePod("web-1")));

      assertEquals("FailedScheduling", j.reason());
      assertTrue(j.message().contains("Insufficient cpu"), j.message());
    }

    @Test
    void eventsAboutOtherPodsOrFromOtherComponentsAreIgnored() {
      Judgement j =
          judge(
              WEB,
              workload(deploymentObject("web", 1, 0, false), boundPod("web-1", "n1")),
              event("kubelet", "Failed", "Pod", "other-1", 100),
              event("some-controller", "FailedScheduling", "Pod", "web-1", 200));

      assertEquals(StopState.Running, j.state());
    }
  }

  @Nested
  class JobStop {
    final Stop stop = Fixtures.job("once", "tour-ns");

    Job job(String type, String reason) {
      return new JobBuilder()
          .withNewMetadata()
          .withName("once")
          .endMetadata()
          .withNewStatus()
          .addNewCondition()
          .withType(type)
          .withStatus("True")
          .withReason(reason)
          .endCondition()
          .endStatus()
          .build();
    }

    ClusterSnapshot with(Job job) {
      return new ClusterSnapshot(null, false, false, null, job, List.of(), List.of());
    }

    @Test
    void completeConditionCompletes() {
      assertEquals(StopState.Completed, judge(stop, with(job("Complete", null))).state());
    }

    @Test
    void failedConditionDivergesWithTheControllersReason() {
      Judgement j = judge(stop, with(job("Failed", "BackoffLimitExceeded")));

      assertEquals(StopState.Diverged, j.state());
      assertEquals("BackoffLimitExceeded", j.reason());
    }

    @Test
    void jobControllerEventDivergesBeforeTheConditionIsSeen() {
      Job running = new JobBuilder().withNewMetadata().withName("once").endMetadata().build();

      Judgement j =
          judge(
              stop,
              with(running),
              event("job-controller", "BackoffLimitExceeded", "Job", "once", 5000));

      assertEquals("BackoffLimitExceeded", j.reason());
    }

    @Test
    void theWatchersGenericJobFailedStepTakesTheConditionsReason() {
      Judgement j =
          judge(
              stop,
              with(job("Failed", "BackoffLimitExceeded")),
              Fixtures.watch("job-controller", "JobFailed", "Job", "once", 5000));

      assertEquals("BackoffLimitExceeded", j.reason());
    }

    @Test
    void waitsForThePodBeforeAnythingElse() {
      Job running = new JobBuilder().withNewMetadata().withName("once").endMetadata().build();

      assertEquals("NoPodCreated", judge(stop, with(running)).reason());
    }
  }

  @Nested
  class ScaleStop {
    @Test
    void waitsUntilTheNewReplicaCountIsOnTheWatch() {
      Judgement j =
          judge(Fixtures.scale("up", "web", 3), workload(deploymentObject("web", 2, 2, true)));

      assertEquals("ScaleNotSeen", j.reason());
    }

    @Test
    void scaleDownWaitsForExtraPodsToLeave() {
      Pod leaving = readyPod("web-2", "n1", "2025-03-01T09:00:00Z");
      leaving.getMetadata().setDeletionTimestamp("2025-03-01T10:00:01Z");

      Judgement j =
          judge(
              Fixtures.scale("down", "web", 1),
              workload(
                  deploymentObject("web", 1, 1, true),
                  readyPod("web-1", "n1", "2025-03-01T09:00:00Z"),
                  leaving));

      assertEquals("PodsRemaining", j.reason());
    }

    @Test
    void completesWhenReadyMatchesAndNoExtraPodsAreLeft() {
      Judgement j =
          judge(
              Fixtures.scale("down", "web", 1),
              workload(
                  deploymentObject("web", 1, 1, true),
                  readyPod("web-1", "n1", "2025-03-01T09:00:00Z")));

      assertEquals(StopState.Completed, j.state());
    }
  }

  @Nested
  class DeletePodStop {
    final Stop stop = Fixtures.deletePod("heal", "web");

    @Test
    void podsOlderThanTheStopAreNoReplacement() {
      Judgement j =
          judge(
              stop,
              workload(
                  deploymentObject("web", 1, 1, true),
                  readyPod("web-1", "n1", "2025-03-01T09:59:00Z")));

      assertEquals("NoReplacementPod", j.reason());
    }

    @Test
    void waitsUntilTheDeletedPodIsGone() {
      Pod deleted = readyPod("web-1", "n1", "2025-03-01T09:59:00Z");
      deleted.getMetadata().setDeletionTimestamp("2025-03-01T10:00:01Z");

      Judgement j =
          judge(
              stop,
              workload(
                  deploymentObject("web", 1, 1, true),
                  deleted,
                  readyPod("web-9", "n1", "2025-03-01T10:00:00Z")));

      assertEquals("DeletedPodTerminating", j.reason());
    }

    @Test
    void completesWhenTheReplacementIsReadyAndTheDeploymentAvailable() {
      // created in the stop's start second: creationTimestamp has no fraction
      Judgement j =
          judge(
              stop,
              workload(
                  deploymentObject("web", 1, 1, true),
                  readyPod("web-9", "n1", "2025-03-01T10:00:00Z")));

      assertEquals(StopState.Completed, j.state());
      assertTrue(j.message().contains("web-9"), j.message());
    }
  }

  @Nested
  class ServiceStop {
    final Stop stop = Fixtures.service("svc", "web");

    EndpointSlice slice(boolean... ready) {
      EndpointSliceBuilder b =
          new EndpointSliceBuilder().withNewMetadata().withName("web-abc").endMetadata();
      for (boolean r : ready) {
        b.addNewEndpoint().withNewConditions().withReady(r).endConditions().endEndpoint();
      }
      return b.build();
    }

    ClusterSnapshot with(int readyPods, EndpointSlice... slices) {
      return new ClusterSnapshot(
          null,
          false,
          false,
          deploymentObject("web", 2, readyPods, true),
          null,
          List.of(),
          List.of(slices));
    }

    @Test
    void waitsForTheEndpointSliceController() {
      assertEquals("NoEndpointSlice", judge(stop, with(2)).reason());
    }

    @Test
    void completesWhenReadyEndpointsMatchReadyPods() {
      assertEquals(StopState.Completed, judge(stop, with(2, slice(true, true))).state());
    }

    @Test
    void notReadyEndpointsDoNotCount() {
      Judgement j = judge(stop, with(2, slice(true, false)));

      assertEquals("EndpointsNotReady", j.reason());
      assertTrue(j.message().contains("hold 1 ready endpoint(s)"), j.message());
    }
  }

  @Nested
  class Deadline {
    final Judgement waiting =
        Judgement.waiting(
            "ContainerNotStarted", "no kubelet Started event; pod web-1 bound to node n1");

    @Test
    void waitingPastTheTimeoutIsTimedOutAndSaysWhatWasMissing() {
      Judgement j = StopJudge.withDeadline(waiting, T0, Duration.ofSeconds(60), T0.plusSeconds(60));

      assertEquals(StopState.TimedOut, j.state());
      assertEquals("ContainerNotStarted", j.reason());
      assertEquals(
          "timed out after 60s: no kubelet Started event; pod web-1 bound to node n1", j.message());
    }

    @Test
    void beforeTheTimeoutNothingChanges() {
      assertEquals(
          waiting, StopJudge.withDeadline(waiting, T0, Duration.ofSeconds(60), T0.plusSeconds(59)));
    }

    @Test
    void aFinalJudgementIsNeverTurnedIntoATimeout() {
      Judgement done = Judgement.completed("ok");

      assertEquals(
          done, StopJudge.withDeadline(done, T0, Duration.ofSeconds(5), T0.plusSeconds(600)));
    }
  }
}
