package io.clustertour.operator.reconcile;

import io.clustertour.operator.act.ActResult;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopStatus;
import java.util.Optional;

/** Inventory: reads the cluster once, creates nothing, and is done as soon as it has read. */
final class InventoryKind implements StopKind {
  static final InventoryKind INSTANCE = new InventoryKind();

  private InventoryKind() {}

  @Override
  public Optional<String> namespace(Stop stop, TourPlan plan) {
    return Optional.empty();
  }

  @Override
  public boolean usesEarlierNamespace() {
    return false;
  }

  @Override
  public StopStarter.Started start(Stop stop, StopStatus status, Tools tools) {
    return new StopStarter.Started(
        ActResult.done("read the cluster"), tools.inventory().read(tools.client()));
  }

  @Override
  public Judgement judge(Stop stop, Window window) {
    return Judgement.completed("cluster inventory read");
  }
}
