package io.clustertour.operator.cli;

import io.clustertour.operator.api.ClusterTour;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * ClusterTours read as the API server serves them (every field, also those this jar's classes do
 * not know), and as the operator's typed objects for the text views.
 */
final class TourApi {
  private static final ResourceDefinitionContext TOURS =
      ResourceDefinitionContext.fromResourceType(ClusterTour.class);

  private TourApi() {}

  static NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      tours(KubernetesClient client) {
    return client.genericKubernetesResources(TOURS);
  }

  static ClusterTour typed(KubernetesClient client, GenericKubernetesResource tour) {
    return client.getKubernetesSerialization().convertValue(tour, ClusterTour.class);
  }

  static boolean completed(ClusterTour tour) {
    if (tour.getStatus() == null || tour.getStatus().conditions == null) {
      return false;
    }
    for (Condition c : tour.getStatus().conditions) {
      if ("Completed".equals(c.getType()) && "True".equals(c.getStatus())) {
        return true;
      }
    }
    return false;
  }

  /** The API server's answer in one line, with what the client gave as its cause. */
  static String message(KubernetesClientException e) {
    String message = e.getMessage();
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
      message += " (" + cause.getMessage() + ")";
    }
    return message.replaceAll("\\s+", " ").strip();
  }
}
