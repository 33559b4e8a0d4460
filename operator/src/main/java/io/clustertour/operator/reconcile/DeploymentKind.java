package io.clustertour.operator.reconcile;

import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Optional;

/** Deployment: creates one; done once it is Available with every pod Ready, or it diverged. */
final class DeploymentKind implements StopKind {
  static final DeploymentKind INSTANCE = new DeploymentKind();

  private DeploymentKind() {}

  @Override
  public Optional<String> namespace(Stop stop, TourPlan plan) {
    return Optional.ofNullable(stop.deployment).map(w -> w.namespace);
  }

  @Override
  public Optional<String> workload(Stop stop) {
    return Optional.ofNullable(stop.deployment).map(w -> w.name);
  }

  @Override
  public boolean readsDeployment() {
    return true;
  }

  @Override
  public boolean measuresPods() {
    return true;
  }

  @Override
  public StopStarter.Started start(Stop stop, StopStatus status, Tools tools) {
    return StopStarter.Started.of(tools.actions().createDeployment(tools.tour(), stop.deployment));
  }

  @Override
  public Judgement judge(Stop stop, Window window) {
    return PodChecks.diverged(window).orElseGet(() -> judge(window.snapshot(), replicasOf(stop)));
  }

  static Judgement judge(ClusterSnapshot s, int replicas) {
    Deployment d = s.deployment();
    if (d == null) {
      return Judgement.waiting("DeploymentNotSeen", "Deployment not seen on the watch yet");
    }
    String name = d.getMetadata().getName();
    List<Pod> live = PodChecks.live(s.pods());
    if (replicas == 0) {
      return s.pods().isEmpty()
          ? Judgement.completed("Deployment " + name + " exists with 0 pods, as asked")
          : Judgement.waiting("PodsRemaining", s.pods().size() + " pod(s) still exist");
    }
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
                        + " is Available with "
                        + replicas
                        + "/"
                        + replicas
                        + " pods Ready"));
  }

  private static int replicasOf(Stop stop) {
    return stop.deployment == null || stop.deployment.replicas == null
        ? 1
        : stop.deployment.replicas;
  }
}
