package io.clustertour.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import java.util.List;
import java.util.Optional;

/** Judging steps the pod-making stop kinds share. Pure. */
final class PodChecks {
  private PodChecks() {}

  /** A pod or Job trouble in the window that ends the stop as Diverged. */
  static Optional<Judgement> diverged(StopKind.Window w) {
    return PodTrouble.find(w.snapshot().pods(), w.snapshot().job(), w.observations());
  }

  static Optional<Judgement> podsMissing(List<Pod> live, int replicas) {
    if (live.size() >= replicas) {
      return Optional.empty();
    }
    return Optional.of(
        Judgement.waiting(
            live.isEmpty() ? "NoPodCreated" : "PodsNotCreated",
            live.size()
                + "/"
                + replicas
                + " pods created (waiting for replicaset-controller SuccessfulCreate)"));
  }

  static Optional<Judgement> notAvailable(Deployment d, int replicas) {
    var status = d.getStatus();
    boolean current =
        status != null
            && status.getObservedGeneration() != null
            && d.getMetadata().getGeneration() != null
            && status.getObservedGeneration() >= d.getMetadata().getGeneration();
    int ready = orZero(status == null ? null : status.getReadyReplicas());
    int total = orZero(status == null ? null : status.getReplicas());
    // every pod available, not just enough for the Available condition: each one stayed Ready
    // for minReadySeconds, so none of them crashed right after starting
    int availableNow = orZero(status == null ? null : status.getAvailableReplicas());
    if (current
        && available(d)
        && ready == replicas
        && total == replicas
        && availableNow == replicas) {
      return Optional.empty();
    }
    return Optional.of(
        Judgement.waiting(
            "DeploymentNotAvailable",
            "Deployment "
                + d.getMetadata().getName()
                + " not Available yet ("
                + ready
                + "/"
                + replicas
                + " ready)"));
  }

  static List<Pod> live(List<Pod> pods) {
    return pods.stream().filter(p -> !PodProgress.isTerminating(p)).toList();
  }

  static int replicasOf(Deployment d) {
    return d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
  }

  static int orZero(Integer value) {
    return value == null ? 0 : value;
  }

  private static boolean available(Deployment d) {
    if (d.getStatus() == null || d.getStatus().getConditions() == null) {
      return false;
    }
    for (DeploymentCondition c : d.getStatus().getConditions()) {
      if ("Available".equals(c.getType())) {
        return "True".equals(c.getStatus());
      }
    }
    return false;
  }
}
