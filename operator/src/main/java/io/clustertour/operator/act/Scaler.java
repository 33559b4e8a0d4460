package io.clustertour.operator.act;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;

/** Changes the replica count of a tour Deployment and nothing else. */
public final class Scaler {
  private final KubernetesClient client;

  public Scaler(KubernetesClient client) {
    this.client = client;
  }

  /** Patches {@code spec.replicas}; fails when the Deployment is missing or not the tour's. */
  public ActResult scale(String tourName, String namespace, String deployment, int replicas) {
    var resource = client.apps().deployments().inNamespace(namespace).withName(deployment);
    Deployment existing = resource.get();
    if (existing == null) {
      return ActResult.failed(
          "TargetNotFound", "Deployment " + namespace + "/" + deployment + " does not exist");
    }
    if (!TourOwnership.isLabelledBy(existing, tourName)) {
      return ActResult.failed(
          "ObjectNotOwned",
          "Deployment " + namespace + "/" + deployment + " is not labelled by this tour");
    }
    Integer before = existing.getSpec().getReplicas();
    // A merge patch of one field: a server-side apply of a partial object would drop the fields
    // this manager set when it created the Deployment.
    PatchContext patch = PatchContext.of(PatchType.JSON_MERGE);
    patch.setFieldManager(TourOwnership.FIELD_MANAGER);
    Instant sentAt = Instant.now();
    Deployment scaled = resource.patch(patch, "{\"spec\":{\"replicas\":" + replicas + "}}");
    return ActResult.wrote(
        "scaled Deployment/" + deployment + " from " + before + " to " + replicas + " replicas",
        new OwnWrite("patch", existing, scaled, sentAt, Instant.now()));
  }
}
