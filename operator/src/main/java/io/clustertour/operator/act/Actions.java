package io.clustertour.operator.act;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.PodRef;
import io.clustertour.operator.api.WorkloadStop;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Everything a stop can make the cluster do, one method per stop type; all idempotent, and all
 * namespaced writes refused unless the namespace belongs to the tour.
 */
public class Actions {
  private final ObjectCreator creator;
  private final Scaler scaler;
  private final PodDeleter podDeleter;

  public Actions(KubernetesClient client) {
    this.creator = new ObjectCreator(client);
    this.scaler = new Scaler(client);
    this.podDeleter = new PodDeleter(client);
  }

  /** Namespace stop. */
  public ActResult createNamespace(ClusterTour tour, String name) {
    return creator.namespace(tour, name);
  }

  /** Deployment stop. */
  public ActResult createDeployment(ClusterTour tour, WorkloadStop workload) {
    String tourName = tour.getMetadata().getName();
    return inOwnedNamespace(
        tour,
        workload.namespace,
        () -> creator.labelled(WorkloadSpecs.deployment(tourName, workload), tourName));
  }

  /** Job stop. */
  public ActResult createJob(ClusterTour tour, WorkloadStop workload) {
    String tourName = tour.getMetadata().getName();
    return inOwnedNamespace(
        tour,
        workload.namespace,
        () -> creator.labelled(WorkloadSpecs.job(tourName, workload), tourName));
  }

  /** Service stop. */
  public ActResult createService(ClusterTour tour, String namespace, String deployment, int port) {
    String tourName = tour.getMetadata().getName();
    return inOwnedNamespace(
        tour,
        namespace,
        () ->
            creator.labelled(
                WorkloadSpecs.service(tourName, namespace, deployment, port), tourName));
  }

  /** Scale stop. */
  public ActResult scale(ClusterTour tour, String namespace, String deployment, int replicas) {
    return inOwnedNamespace(
        tour,
        namespace,
        () -> scaler.scale(tour.getMetadata().getName(), namespace, deployment, replicas));
  }

  /**
   * DeletePod stop, first half: chooses the pod to delete ({@link ActResult#chosen}); the caller
   * stores the choice before {@link #deletePod} deletes it.
   */
  public ActResult choosePod(
      ClusterTour tour, String namespace, String deployment, Consumer<PodRef> choice) {
    return inOwnedNamespace(
        tour,
        namespace,
        () -> {
          Optional<Pod> victim =
              podDeleter.choose(tour.getMetadata().getName(), namespace, deployment);
          if (victim.isEmpty()) {
            return ActResult.failed(
                "NoPodToDelete",
                "Deployment " + namespace + "/" + deployment + " has no running pod to delete");
          }
          PodRef ref =
              new PodRef(victim.get().getMetadata().getName(), victim.get().getMetadata().getUid());
          choice.accept(ref);
          return ActResult.chosen(
              "PodChosen",
              "chose Pod/"
                  + ref.name
                  + " (uid "
                  + ref.uid
                  + "); it is deleted once the choice is stored in the status");
        });
  }

  /** DeletePod stop, second half: deletes the chosen pod, by UID. */
  public ActResult deletePod(
      ClusterTour tour, String namespace, PodRef pod, long gracePeriodSeconds) {
    return inOwnedNamespace(
        tour, namespace, () -> podDeleter.delete(namespace, pod, gracePeriodSeconds));
  }

  private ActResult inOwnedNamespace(ClusterTour tour, String namespace, Supplier<ActResult> act) {
    ActResult owned = creator.requireOwnedNamespace(tour, namespace);
    return owned.failed() ? owned : act.get();
  }
}
