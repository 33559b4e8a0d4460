package io.clustertour.operator.reconcile;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.ClusterTourSpec;
import io.clustertour.operator.api.DeletePodStop;
import io.clustertour.operator.api.InventoryStop;
import io.clustertour.operator.api.NamespaceStop;
import io.clustertour.operator.api.ScaleStop;
import io.clustertour.operator.api.ServiceStop;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.Stop.StopType;
import io.clustertour.operator.api.WorkloadStop;
import io.clustertour.operator.observe.Observation;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Hand-made tours, objects and observations for the state machine tests. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00.250Z");
  private static final AtomicLong SEQ = new AtomicLong(1000);

  private Fixtures() {}

  static ClusterTour tour(Stop... stops) {
    ClusterTour tour = new ClusterTour();
    tour.setMetadata(
        new ObjectMetaBuilder()
            .withName("first")
            .withUid("0123456789abcdef")
            .withGeneration(1L)
            .build());
    ClusterTourSpec spec = new ClusterTourSpec();
    spec.stops = List.of(stops);
    tour.setSpec(spec);
    return tour;
  }

  static TourPlan plan(Stop... stops) {
    return TourPlan.of(tour(stops).getSpec());
  }

  static Stop inventory() {
    Stop s = stop("inventory", StopType.Inventory);
    s.inventory = new InventoryStop();
    return s;
  }

  static Stop namespace(String name) {
    Stop s = stop("ns-" + name, StopType.Namespace);
    s.namespace = new NamespaceStop();
    s.namespace.name = name;
    return s;
  }

  static Stop deployment(String name, String ns, int replicas) {
    Stop s = stop(name, StopType.Deployment);
    s.deployment = workload(name, ns);
    s.deployment.replicas = replicas;
    return s;
  }

  static Stop job(String name, String ns) {
    Stop s = stop(name, StopType.Job);
    s.job = workload(name, ns);
    return s;
  }

  static Stop scale(String name, String target, int replicas) {
    Stop s = stop(name, StopType.Scale);
    s.target = target;
    s.scale = new ScaleStop();
    s.scale.replicas = replicas;
    return s;
  }

  static Stop deletePod(String name, String target) {
    Stop s = stop(name, StopType.DeletePod);
    s.target = target;
    s.deletePod = new DeletePodStop();
    return s;
  }

  static Stop service(String name, String target) {
    Stop s = stop(name, StopType.Service);
    s.target = target;
    s.service = new ServiceStop();
    return s;
  }

  private static Stop stop(String name, StopType type) {
    Stop s = new Stop();
    s.name = name;
    s.type = type;
    return s;
  }

  private static WorkloadStop workload(String name, String ns) {
    WorkloadStop w = new WorkloadStop();
    w.name = name;
    w.namespace = ns;
    w.image = "busybox:1.36";
    return w;
  }

  static Namespace activeNamespace(String name) {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewStatus()
        .withPhase("Active")
        .endStatus()
        .build();
  }

  /** A Deployment as the deployment controller reports it once {@code ready} pods are Ready. */
  static Deployment deploymentObject(String name, int replicas, int ready, boolean available) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withGeneration(1L)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .endSpec()
        .withNewStatus()
        .withObservedGeneration(1L)
        .withReplicas(replicas)
        .withReadyReplicas(ready)
        .withAvailableReplicas(available ? ready : 0)
        .addNewCondition()
        .withType("Available")
        .withStatus(available ? "True" : "False")
        .endCondition()
        .endStatus()
        .build();
  }

  static Pod pendingPod(String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withUid(uid(name))
        .withCreationTimestamp("2025-03-01T10:00:01Z")
        .endMetadata()
        .withNewSpec()
        .endSpec()
        .build();
  }

  static Pod boundPod(String name, String node) {
    Pod p = pendingPod(name);
    p.getSpec().setNodeName(node);
    return p;
  }

  static Pod readyPod(String name, String node, String created) {
    return new PodBuilder(boundPod(name, node))
        .editMetadata()
        .withCreationTimestamp(created)
        .endMetadata()
        .withNewStatus()
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .endCondition()
        .addToContainerStatuses(
            new ContainerStatusBuilder()
                .withName("web")
                .withNewState()
                .withNewRunning()
                .withStartedAt(created)
                .endRunning()
                .endState()
                .build())
        .endStatus()
        .build();
  }

  /**
   * A Ready pod whose own times are all given (metav1.Time, second precision), as the cluster
   * writes them: creationTimestamp, PodScheduled and Ready lastTransitionTime, container start.
   */
  static Pod startedPod(
      String name, String created, String scheduled, String running, String ready) {
    return new PodBuilder(readyPod(name, "n1", created))
        .editStatus()
        .withConditions()
        .addNewCondition()
        .withType("PodScheduled")
        .withStatus("True")
        .withLastTransitionTime(scheduled)
        .endCondition()
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .withLastTransitionTime(ready)
        .endCondition()
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName("web")
                .withNewState()
                .withNewRunning()
                .withStartedAt(running)
                .endRunning()
                .endState()
                .build())
        .endStatus()
        .build();
  }

  static Pod waitingPod(String name, String node, String reason) {
    return new PodBuilder(boundPod(name, node))
        .withNewStatus()
        .addToContainerStatuses(
            new ContainerStatusBuilder()
                .withName("web")
                .withNewState()
                .withNewWaiting()
                .withReason(reason)
                .endWaiting()
                .endState()
                .build())
        .endStatus()
        .build();
  }

  static Pod unschedulablePod(String name) {
    return new PodBuilder(pendingPod(name))
        .withNewStatus()
        .addNewCondition()
        .withType("PodScheduled")
        .withStatus("False")
        .withReason("Unschedulable")
        .withMessage("0/1 nodes are available: 1 Insufficient cpu.")
        .endCondition()
        .endStatus()
        .build();
  }

  /** The UID the fixtures give the pod named {@code name}. */
  static String uid(String name) {
    return "uid-" + name;
  }

  /** A live Event observation received {@code afterMs} after T0. */
  static Observation event(
      String component, String reason, String kind, String name, long afterMs) {
    return observation(Observation.EVENT, component, reason, kind, name, afterMs, false);
  }

  /** A live silent step seen on a watch {@code afterMs} after T0. */
  static Observation watch(
      String component, String reason, String kind, String name, long afterMs) {
    return observation(Observation.WATCH, component, reason, kind, name, afterMs, false);
  }

  /**
   * An observation of pod {@code uid} received {@code afterMs} after T0 that carries its own time
   * {@code time} with {@code precision} (an eventTime, or an object time once the recorder keeps
   * it).
   */
  static Observation owned(
      String source,
      String component,
      String reason,
      String name,
      String uid,
      long afterMs,
      String time,
      String precision,
      boolean recovered) {
    return new Observation(
        SEQ.incrementAndGet(),
        T0.plusMillis(afterMs),
        "tour-ns",
        source,
        reason,
        component,
        "Pod",
        name,
        uid,
        reason + " " + name,
        Instant.parse(time),
        precision,
        "1",
        1,
        false,
        recovered,
        source + "/" + reason + "/" + uid + "/" + afterMs,
        0);
  }

  static Observation observation(
      String source,
      String component,
      String reason,
      String kind,
      String name,
      long afterMs,
      boolean recovered) {
    Instant at = T0.plusMillis(afterMs);
    return new Observation(
        SEQ.incrementAndGet(),
        at,
        "tour-ns",
        source,
        reason,
        component,
        kind,
        name,
        "Pod".equals(kind) ? uid(name) : null,
        reason + " " + name,
        recovered ? at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) : at,
        recovered ? Observation.SECONDS : Observation.MILLIS,
        "1",
        1,
        false,
        recovered,
        source + "/" + reason + "/" + name + "/" + afterMs,
        0);
  }
}
