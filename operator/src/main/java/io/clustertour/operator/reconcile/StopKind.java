package io.clustertour.operator.reconcile;

import io.clustertour.operator.act.Actions;
import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.Stop.StopType;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.observe.ClusterWatcher;
import io.clustertour.operator.observe.InventoryReader;
import io.clustertour.operator.observe.Observation;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything one type of stop does, in one place: where it works, what of the cluster it reads, how
 * it starts and when it has ended. Chosen once per stop by {@link #of}; the judging is pure.
 */
interface StopKind {

  /** The one place a stop type is mapped to its behaviour. */
  static StopKind of(StopType type) {
    return switch (type) {
      case Inventory -> InventoryKind.INSTANCE;
      case Namespace -> NamespaceKind.INSTANCE;
      case Deployment -> DeploymentKind.INSTANCE;
      case Scale -> ScaleKind.INSTANCE;
      case DeletePod -> DeletePodKind.INSTANCE;
      case Job -> JobKind.INSTANCE;
      case Service -> ServiceKind.INSTANCE;
    };
  }

  static StopKind of(Stop stop) {
    return of(stop.type);
  }

  /** The namespace the stop works in; empty for Inventory (and for broken references). */
  Optional<String> namespace(Stop stop, TourPlan plan);

  /** Name of the Deployment, Job or Service the stop is about; empty when there is none. */
  default Optional<String> workload(Stop stop) {
    return Optional.empty();
  }

  /** Whether the stop works on a Deployment an earlier stop created (its {@code target}). */
  default boolean usesTarget() {
    return false;
  }

  /** Whether the stop works in a namespace an earlier Namespace stop created. */
  default boolean usesEarlierNamespace() {
    return true;
  }

  /** Whether its snapshot holds the workload Deployment. */
  default boolean readsDeployment() {
    return false;
  }

  /** Whether its snapshot holds the workload Job. */
  default boolean readsJob() {
    return false;
  }

  /** Whether its snapshot holds the EndpointSlices of the workload's Service. */
  default boolean readsEndpointSlices() {
    return false;
  }

  /** Whether its pods' start-up latencies are part of its status. */
  default boolean measuresPods() {
    return false;
  }

  /** Acts in the cluster for the stop; {@code status} keeps choices that must survive a crash. */
  StopStarter.Started start(Stop stop, StopStatus status, Tools tools);

  /** Done, diverged or still waiting (and for what), ignoring the deadline. Pure. */
  Judgement judge(Stop stop, Window window);

  /** What a start may use. {@code namespace} is the stop's, null for Inventory. */
  record Tools(
      ClusterTour tour,
      String namespace,
      ClusterWatcher watcher,
      Actions actions,
      InventoryReader inventory,
      KubernetesClient client) {}

  /** What a judgement looks at: the caches' snapshot and the observations since the start. */
  record Window(
      ClusterSnapshot snapshot,
      List<Observation> observations,
      Instant startedAt,
      String namespace) {}
}
