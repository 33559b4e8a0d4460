package io.clustertour.operator.reconcile;

import io.clustertour.operator.act.ActResult;
import io.clustertour.operator.act.Actions;
import io.clustertour.operator.act.OwnWrite;
import io.clustertour.operator.act.TourOwnership;
import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.observe.ClusterWatcher;
import io.clustertour.operator.observe.InventoryReader;
import io.clustertour.operator.observe.InventoryResult;
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
    return switch (stop.type) {
      case Inventory -> inventory();
      case Namespace -> namespace(ns);
      case Deployment -> Started.of(actions.createDeployment(tour, stop.deployment));
      case Job -> Started.of(actions.createJob(tour, stop.job));
      case Scale -> Started.of(actions.scale(tour, ns, stop.target, stop.scale.replicas));
      case DeletePod -> Started.of(deletePod(stop, ns, status));
      case Service ->
          Started.of(
              actions.createService(
                  tour,
                  ns,
                  stop.target,
                  stop.service == null || stop.service.port == null ? 8080 : stop.service.port));
    };
  }

  /** Chooses the pod and stores the choice first; deletes it (by UID) on the next pass. */
  private ActResult deletePod(Stop stop, String ns, StopStatus status) {
    if (status.deletedPod == null) {
      return actions.choosePod(tour, ns, stop.target, chosen -> status.deletedPod = chosen);
    }
    return actions.deletePod(tour, ns, status.deletedPod, gracePeriod(stop));
  }

  private Started inventory() {
    InventoryResult result = inventory.read(client);
    return new Started(ActResult.done("read the cluster"), result);
  }

  private Started namespace(String ns) {
    // Tracking first means the namespace's own creation is on the record. A namespace that turns
    // out to belong to someone else is forgotten again, unless another tour was tracking it.
    boolean trackedBefore = watcher.isTracked(ns);
    watcher.track(ns, tour.getMetadata().getName());
    ActResult result = actions.createNamespace(tour, ns);
    if ((result.failed() || result.notYet()) && !trackedBefore) {
      watcher.untrack(ns);
    }
    return Started.of(result);
  }

  private static long gracePeriod(Stop stop) {
    return stop.deletePod == null || stop.deletePod.gracePeriodSeconds == null
        ? 1
        : stop.deletePod.gracePeriodSeconds;
  }
}
