package io.clustertour.operator.observe;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

/** Reads EndpointSlices the way the API defines them, for the watcher and the stop judge alike. */
public final class Endpoints {
  private Endpoints() {}

  /** Endpoints of the slice that are ready; the API defines an unset ready condition as ready. */
  public static int ready(EndpointSlice slice) {
    if (slice.getEndpoints() == null) {
      return 0;
    }
    return (int)
        slice.getEndpoints().stream()
            .filter(
                e ->
                    e.getConditions() == null
                        || e.getConditions().getReady() == null
                        || e.getConditions().getReady())
            .count();
  }
}
