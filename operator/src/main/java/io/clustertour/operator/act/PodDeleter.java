package io.clustertour.operator.act;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Deletes one pod of a tour Deployment so the learner can watch the controllers replace it. */
public final class PodDeleter {
  private final KubernetesClient client;

  public PodDeleter(KubernetesClient client) {
    this.client = client;
  }

  /** Deletes the oldest live pod of the Deployment with the given grace period. */
  public ActResult deleteOldest(
      String tourName, String namespace, String deployment, long gracePeriodSeconds) {
    List<Pod> pods =
        client
            .pods()
            .inNamespace(namespace)
            .withLabels(TourOwnership.workloadLabels(tourName, deployment))
            .list()
            .getItems();
    Optional<Pod> victim = oldest(pods);
    if (victim.isEmpty()) {
      return ActResult.failed(
          "NoPodToDelete",
          "Deployment " + namespace + "/" + deployment + " has no running pod to delete");
    }
    String name = victim.get().getMetadata().getName();
    client
        .pods()
        .inNamespace(namespace)
        .withName(name)
        .withGracePeriod(gracePeriodSeconds)
        .delete();
    return ActResult.done("deleted Pod/" + name + " (grace period " + gracePeriodSeconds + "s)");
  }

  /** Oldest pod not already being deleted; ties broken by name so the choice is stable. */
  static Optional<Pod> oldest(List<Pod> pods) {
    return pods.stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .min(
            Comparator.comparing((Pod p) -> String.valueOf(p.getMetadata().getCreationTimestamp()))
                .thenComparing(p -> p.getMetadata().getName()));
  }
}
