package io.clustertour.operator.reconcile;

import io.clustertour.operator.api.ClusterTourStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Objects;

/** Tells whether a new status differs from the stored one, as the API server would see it. */
final class StatusChange {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private StatusChange() {}

  /** Compares the serialized forms: what would be written, not Java object identity. */
  static boolean changed(ClusterTourStatus before, ClusterTourStatus after) {
    return !Objects.equals(json(before), json(after));
  }

  private static String json(ClusterTourStatus status) {
    return status == null ? null : JSON.asJson(status);
  }
}
