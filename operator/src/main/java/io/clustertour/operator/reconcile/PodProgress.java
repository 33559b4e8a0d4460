package io.clustertour.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Says which documented step a pod has not reached yet, in the learner's terms. Pure. */
final class PodProgress {
  private PodProgress() {}

  /** The least advanced pod's missing step, or empty when every pod is Ready. */
  static Optional<Judgement> laggard(List<Pod> pods) {
    return pods.stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
        .map(PodProgress::missing)
        .flatMap(Optional::stream)
        .min(Comparator.comparingInt(PodProgress::rank));
  }

  /** What this pod still lacks, or empty when it is Ready. */
  static Optional<Judgement> missing(Pod pod) {
    String name = pod.getMetadata().getName();
    String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    if (node == null) {
      return Optional.of(
          Judgement.waiting(
              "PodNotBound",
              "no default-scheduler Scheduled event; pod " + name + " not bound to a node"));
    }
    if (!hasRunningContainer(pod)) {
      return Optional.of(
          Judgement.waiting(
              "ContainerNotStarted",
              "no kubelet Started event; pod " + name + " bound to node " + node));
    }
    if (!isReady(pod)) {
      return Optional.of(
          Judgement.waiting(
              "PodNotReady", "pod " + name + " running on node " + node + " but not Ready"));
    }
    return Optional.empty();
  }

  static boolean isReady(Pod pod) {
    PodCondition ready = PodTrouble.condition(pod, "Ready");
    return ready != null && "True".equals(ready.getStatus());
  }

  static boolean isTerminating(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() != null;
  }

  private static boolean hasRunningContainer(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getContainerStatuses() != null
        && pod.getStatus().getContainerStatuses().stream()
            .anyMatch(
                c ->
                    c.getState() != null
                        && (c.getState().getRunning() != null
                            || c.getState().getTerminated() != null));
  }

  // The earliest missing step is the most telling one to report.
  private static int rank(Judgement j) {
    return switch (j.reason()) {
      case "PodNotBound" -> 0;
      case "ContainerNotStarted" -> 1;
      default -> 2;
    };
  }
}
