package io.clustertour.operator.reconcile;

import io.clustertour.operator.act.Actions;
import io.clustertour.operator.act.OwnWrite;
import io.clustertour.operator.act.TourOwnership;
import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.observe.ClusterWatcher;
import io.clustertour.operator.observe.InventoryReader;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Starts stops for real: the watcher tracks a namespace before the act package creates it. */
final class ClusterStopStarter implements StopStarter {
  private final ClusterTour tour;
  private final TourPlan plan;
  private final ClusterWatcher watcher;
  private final Actions actions;
  private final InventoryReader inventory;
  private final KubernetesClient client;

  ClusterStopStarter(
      ClusterTour tour,
      TourPlan plan,
      ClusterWatcher watcher,
      Actions actions,
      InventoryReader inventory,
      KubernetesClient client) {
    this.tour = tour;
    this.plan = plan;
    this.watcher = watcher;
    this.actions = actions;
    this.inventory = inventory;
    this.client = client;
  }

  @Override
  public Started start(Stop stop, StopStatus status) {
    Started started = act(stop, status);
    OwnWrite write = started.act().write();
    if (write != null && "delete".equals(write.verb())) {
      watcher.recordDeleteRequest(
          write.after(), TourOwnership.FIELD_MANAGER, write.sentAt(), write.answeredAt());
    } else if (write != null) {
      watcher.recordRequest(write.before(), write.after(), write.sentAt(), write.answeredAt());
    }
    return started;
  }

  private Started act(Stop stop, StopStatus status) {
    String ns = plan.namespaceOf(stop).orElse(null);
    return StopKind.of(stop)
        .start(stop, status, new StopKind.Tools(tour, ns, watcher, actions, inventory, client));
  }
}
