package io.clustertour.operator.reconcile;

import io.clustertour.operator.act.ActResult;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * DeletePod: deletes one pod of the target; done once a replacement is Ready and the old is gone.
 */
final class DeletePodKind extends TargetKind {
  static final DeletePodKind INSTANCE = new DeletePodKind();

  private DeletePodKind() {}

  @Override
  public boolean measuresPods() {
    return true;
  }

  /** Chooses the pod and stores the choice first; deletes it (by UID) on the next pass. */
  @Override
  public StopStarter.Started start(Stop stop, StopStatus status, Tools tools) {
    ActResult result =
        status.deletedPod == null
            ? tools
                .actions()
                .choosePod(
                    tools.tour(),
                    tools.namespace(),
                    stop.target,
                    chosen -> status.deletedPod = chosen)
            : tools
                .actions()
                .deletePod(tools.tour(), tools.namespace(), status.deletedPod, gracePeriod(stop));
    return StopStarter.Started.of(result);
  }

  @Override
  public Judgement judge(Stop stop, Window window) {
    return PodChecks.diverged(window).orElseGet(() -> judge(window.snapshot(), window.startedAt()));
  }

  static Judgement judge(ClusterSnapshot s, Instant startedAt) {
    Deployment d = s.deployment();
    if (d == null) {
      return Judgement.waiting("DeploymentNotSeen", "target Deployment not seen on the watch");
    }
    // creationTimestamp has second precision: compare against the stop start's second
    Instant since = startedAt.truncatedTo(ChronoUnit.SECONDS);
    List<Pod> replacements =
        PodChecks.live(s.pods()).stream().filter(p -> !created(p).isBefore(since)).toList();
    if (replacements.isEmpty()) {
      return Judgement.waiting(
          "NoReplacementPod",
          "no replacement pod yet (replicaset-controller SuccessfulCreate after the deletion)");
    }
    int replicas = PodChecks.replicasOf(d);
    return PodProgress.laggard(replacements)
        .or(() -> PodChecks.notAvailable(d, replicas))
        .or(() -> stillTerminating(s.pods()))
        .orElseGet(
            () ->
                Judgement.completed(
                    "replacement pod "
                        + replacements.get(0).getMetadata().getName()
                        + " is Ready; Deployment "
                        + d.getMetadata().getName()
                        + " is Available again"));
  }

  /**
   * The deleted pod must also be gone: its removal (after the kubelet killed its containers) is a
   * step of the documented flow.
   */
  private static Optional<Judgement> stillTerminating(List<Pod> pods) {
    return pods.stream()
        .filter(PodProgress::isTerminating)
        .findFirst()
        .map(
            p ->
                Judgement.waiting(
                    "DeletedPodTerminating",
                    "deleted pod "
                        + p.getMetadata().getName()
                        + " still terminating (the kubelet stops its containers, then the pod is"
                        + " removed)"));
  }

  private static Instant created(Pod pod) {
    Instant t = StatusTimes.parse(pod.getMetadata().getCreationTimestamp());
    return t == null ? Instant.EPOCH : t;
  }

  private static long gracePeriod(Stop stop) {
    return stop.deletePod == null || stop.deletePod.gracePeriodSeconds == null
        ? 1
        : stop.deletePod.gracePeriodSeconds;
  }
}
