package io.clustertour.operator.act;

import io.clustertour.operator.api.PodRef;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deletes one pod of a tour Deployment so the learner can watch the controllers replace it. The pod
 * is chosen first and deleted by UID later, so a retry can never pick a second pod.
 */
public final class PodDeleter {
  private final KubernetesClient client;

  public PodDeleter(KubernetesClient client) {
    this.client = client;
  }

  /** The oldest live pod of the Deployment, the one a DeletePod stop deletes. */
  public Optional<Pod> choose(String tourName, String namespace, String deployment) {
    List<Pod> pods =
        client
            .pods()
            .inNamespace(namespace)
            .withLabels(TourOwnership.workloadLabels(tourName, deployment))
            .list()
            .getItems();
    return oldest(pods);
  }

  /**
   * Deletes exactly the chosen pod: the UID is a precondition of the request, so a pod that is gone
   * (deleted before a crash) or was replaced by one of the same name is never touched.
   */
  public ActResult delete(String namespace, PodRef pod, long gracePeriodSeconds) {
    String body =
        Serialization.asJson(
            Map.of(
                "apiVersion",
                "v1",
                "kind",
                "DeleteOptions",
                "gracePeriodSeconds",
                gracePeriodSeconds,
                "preconditions",
                Map.of("uid", pod.uid)));
    // a raw call: fabric8's delete() drops the API server's answer, and the answer is the evidence
    String path = "/api/v1/namespaces/" + namespace + "/pods/" + pod.name;
    Instant sentAt = Instant.now();
    String answer;
    try {
      answer = client.raw(path, "DELETE", body);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404 || e.getCode() == 409) {
        return gone(pod);
      }
      throw e;
    }
    Instant answeredAt = Instant.now();
    if (answer == null) {
      return gone(pod);
    }
    Pod answered = Serialization.unmarshal(answer, Pod.class);
    String what = "Pod/" + pod.name + " (uid " + pod.uid + ")";
    return ActResult.wrote(
        "deleted " + what + " with grace period " + gracePeriodSeconds + "s",
        new OwnWrite("delete", null, answered, sentAt, answeredAt));
  }

  private static ActResult gone(PodRef pod) {
    return ActResult.done(
        "Pod/" + pod.name + " (uid " + pod.uid + ") is already gone; nothing else is deleted");
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
