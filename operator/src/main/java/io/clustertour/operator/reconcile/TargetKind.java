package io.clustertour.operator.reconcile;

import io.clustertour.operator.api.Stop;
import java.util.Optional;

/** What Scale, DeletePod and Service stops share: they work on an earlier stop's Deployment. */
abstract class TargetKind implements StopKind {

  @Override
  public Optional<String> namespace(Stop stop, TourPlan plan) {
    return plan.targetStop(stop).map(d -> d.deployment.namespace);
  }

  @Override
  public Optional<String> workload(Stop stop) {
    return Optional.ofNullable(stop.target);
  }

  @Override
  public boolean usesTarget() {
    return true;
  }

  @Override
  public boolean readsDeployment() {
    return true;
  }
}
