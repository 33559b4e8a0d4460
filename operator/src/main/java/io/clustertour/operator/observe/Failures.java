package io.clustertour.operator.observe;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** Tells a missing permission or absent optional API apart from an unreachable API server. */
final class Failures {
  private Failures() {}

  /**
   * True for answers that mean "this part is not available to us" (401, 403, 404); false for
   * anything that may be transient (no answer, 5xx, 429), which must be thrown.
   */
  static boolean isPartial(KubernetesClientException e) {
    int code = e.getCode();
    return code == 401 || code == 403 || code == 404;
  }
}
