package io.clustertour.operator.reconcile;

import io.clustertour.operator.observe.Conditions;
import io.clustertour.operator.observe.Observation;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds where a pod-creating stop broke away from the documented flow, from Events (reason +
 * reporting component + involved object, never message text) and from structured pod and Job
 * status. Pure.
 */
final class PodTrouble {
  static final String KUBELET = "kubelet";
  static final String SCHEDULER = "default-scheduler";
  static final String JOB_CONTROLLER = "job-controller";

  /** Container waiting reasons that mean the kubelet cannot run the container as specified. */
  static final Set<String> BROKEN_WAITING_REASONS =
      Set.of(
          "ErrImagePull",
          "ImagePullBackOff",
          "ErrImageNeverPull",
          "InvalidImageName",
          "CrashLoopBackOff",
          "CreateContainerConfigError",
          "CreateContainerError",
          "RunContainerError");

  /** Kubelet event reasons that are failures by themselves. */
  private static final Set<String> KUBELET_FAILURES =
      Set.of("ErrImagePull", "ImagePullBackOff", "ErrImageNeverPull", "InvalidImageName");

  /** Kubelet event reasons whose precise cause is in the container status (pull or crash). */
  private static final Set<String> KUBELET_GENERIC_FAILURES = Set.of("Failed", "BackOff");

  /** Job controller reasons (Events and the watcher's silent JobFailed step) for a failed Job. */
  private static final Set<String> JOB_FAILURES =
      Set.of("BackoffLimitExceeded", "DeadlineExceeded", "PodFailurePolicy", "JobFailed");

  private PodTrouble() {}

  /**
   * The first sign of trouble for the workload's pods (and Job), or empty.
   *
   * @param pods the workload's pods from the cache
   * @param job the stop's Job, or null
   * @param observations the stop window's observations
   */
  static Optional<Judgement> find(List<Pod> pods, Job job, List<Observation> observations) {
    Set<String> podNames = names(pods);
    for (Observation o : observations) {
      if (!Observation.EVENT.equals(o.source()) && !"JobFailed".equals(o.reason())) {
        continue;
      }
      Optional<Judgement> j = fromObservation(o, pods, podNames, job);
      if (j.isPresent()) {
        return j;
      }
    }
    return fromStatus(pods, job);
  }

  private static Optional<Judgement> fromObservation(
      Observation o, List<Pod> pods, Set<String> podNames, Job job) {
    String jobName = job == null ? null : job.getMetadata().getName();
    String component = o.component() == null ? "" : o.component();
    String reason = o.reason() == null ? "" : o.reason();
    boolean aboutOurPod = "Pod".equals(o.kind()) && podNames.contains(o.name());
    if (aboutOurPod && SCHEDULER.equals(component) && "FailedScheduling".equals(reason)) {
      return Optional.of(
          Judgement.diverged(
              "FailedScheduling",
              "default-scheduler could not place pod " + o.name() + ": " + o.message()));
    }
    if (aboutOurPod && KUBELET.equals(component)) {
      if (KUBELET_FAILURES.contains(reason)) {
        return Optional.of(kubeletDiverged(reason, o));
      }
      if (KUBELET_GENERIC_FAILURES.contains(reason)) {
        String precise = waitingReason(pod(pods, o.name())).orElse(reason);
        return Optional.of(kubeletDiverged(precise, o));
      }
    }
    boolean aboutOurJob = "Job".equals(o.kind()) && o.name() != null && o.name().equals(jobName);
    if (aboutOurJob && JOB_CONTROLLER.equals(component) && JOB_FAILURES.contains(reason)) {
      // the watcher's generic JobFailed step: the Failed condition names the precise reason
      JobCondition failed = jobCondition(job, "Failed");
      String precise =
          "JobFailed".equals(reason) && failed != null && failed.getReason() != null
              ? failed.getReason()
              : reason;
      return Optional.of(
          Judgement.diverged(
              precise, "job-controller marked Job " + o.name() + " failed: " + precise));
    }
    return Optional.empty();
  }

  private static Judgement kubeletDiverged(String reason, Observation o) {
    return Judgement.diverged(
        reason, "kubelet reported " + reason + " for pod " + o.name() + ": " + o.message());
  }

  private static Optional<Judgement> fromStatus(List<Pod> pods, Job job) {
    for (Pod pod : pods) {
      String name = pod.getMetadata().getName();
      Optional<String> waiting = waitingReason(pod);
      if (waiting.isPresent()) {
        return Optional.of(
            Judgement.diverged(
                waiting.get(),
                "kubelet reports container waiting with " + waiting.get() + " in pod " + name));
      }
      PodCondition scheduled = condition(pod, "PodScheduled");
      if (scheduled != null
          && "False".equals(scheduled.getStatus())
          && "Unschedulable".equals(scheduled.getReason())) {
        return Optional.of(
            Judgement.diverged(
                "FailedScheduling",
                "default-scheduler could not place pod " + name + ": " + scheduled.getMessage()));
      }
    }
    JobCondition failed = jobCondition(job, "Failed");
    if (failed != null && "True".equals(failed.getStatus())) {
      String reason = failed.getReason() == null ? "JobFailed" : failed.getReason();
      return Optional.of(
          Judgement.diverged(
              reason, "job-controller marked Job " + job.getMetadata().getName() + " failed"));
    }
    return Optional.empty();
  }

  /** The first broken waiting reason among the pod's (init) containers. */
  static Optional<String> waitingReason(Pod pod) {
    if (pod == null || pod.getStatus() == null) {
      return Optional.empty();
    }
    List<ContainerStatus> all = new ArrayList<>();
    Stream.of(pod.getStatus().getInitContainerStatuses(), pod.getStatus().getContainerStatuses())
        .filter(l -> l != null)
        .forEach(all::addAll);
    return all.stream()
        .filter(c -> c.getState() != null && c.getState().getWaiting() != null)
        .map(c -> c.getState().getWaiting().getReason())
        .filter(BROKEN_WAITING_REASONS::contains)
        .findFirst();
  }

  static PodCondition condition(Pod pod, String type) {
    return Conditions.of(pod, type);
  }

  static JobCondition jobCondition(Job job, String type) {
    return Conditions.of(job, type);
  }

  private static Pod pod(List<Pod> pods, String name) {
    return pods.stream()
        .filter(p -> name.equals(p.getMetadata().getName()))
        .findFirst()
        .orElse(null);
  }

  private static Set<String> names(List<Pod> pods) {
    return Set.copyOf(pods.stream().map(p -> p.getMetadata().getName()).toList());
  }
}
