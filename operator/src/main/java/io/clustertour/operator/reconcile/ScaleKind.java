package io.clustertour.operator.reconcile;

import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Scale: changes the target's replicas; done once exactly that many are Ready and no more exist.
 */
final class ScaleKind extends TargetKind {
  static final ScaleKind INSTANCE = new ScaleKind();

  private ScaleKind() {}

  @Override
  public boolean measuresPods() {
    return true;
  }

  @Override
  public StopStarter.Started start(Stop stop, StopStatus status, Tools tools) {
    return StopStarter.Started.of(
        tools.actions().scale(tools.tour(), tools.namespace(), stop.target, stop.scale.replicas));
  }

  @Override
  public Judgement judge(Stop stop, Window window) {
    int replicas = stop.scale == null ? 0 : stop.scale.replicas;
    return PodChecks.diverged(window).orElseGet(() -> judge(window.snapshot(), replicas));
  }

  static Judgement judge(ClusterSnapshot s, int replicas) {
    Deployment d = s.deployment();
    if (d == null) {
      return Judgement.waiting("DeploymentNotSeen", "target Deployment not seen on the watch");
    }
    String name = d.getMetadata().getName();
    Integer specReplicas = d.getSpec() == null ? null : d.getSpec().getReplicas();
    if (!Objects.equals(specReplicas, replicas)) {
      return Judgement.waiting(
          "ScaleNotSeen", "spec.replicas of Deployment " + name + " still " + specReplicas);
    }
    int extra = s.pods().size() - replicas;
    if (extra > 0) {
      return Judgement.waiting(
          "PodsRemaining",
          extra
              + " pod(s) more than "
              + replicas
              + " still exist (replicaset-controller SuccessfulDelete, kubelet Killing)");
    }
    List<Pod> live = PodChecks.live(s.pods());
    Optional<Judgement> podsMissing = PodChecks.podsMissing(live, replicas);
    if (podsMissing.isPresent()) {
      return podsMissing.get();
    }
    return PodProgress.laggard(live)
        .or(() -> PodChecks.notAvailable(d, replicas))
        .orElseGet(
            () ->
                Judgement.completed(
                    "Deployment "
                        + name
                        + " scaled to "
                        + replicas
                        + " with "
                        + replicas
                        + " ready and no extra pods left"));
  }
}
