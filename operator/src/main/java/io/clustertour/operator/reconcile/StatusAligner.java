package io.clustertour.operator.reconcile;

import io.clustertour.operator.api.ClusterTourStatus;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopState;
import io.clustertour.operator.api.StopStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Lines the status up with the current spec. Spec changes after a tour started are kept simple:
 * stops are matched by name (and type); a matched stop keeps everything it recorded, finished or
 * not; a new or retyped stop starts Pending; a stop removed from the spec leaves the status. Pure:
 * works on a deep copy, never on the status it was given.
 */
final class StatusAligner {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private StatusAligner() {}

  static ClusterTourStatus align(TourPlan plan, ClusterTourStatus previous) {
    ClusterTourStatus status = previous == null ? new ClusterTourStatus() : JSON.clone(previous);
    List<StopStatus> old = status.stops == null ? List.of() : status.stops;
    List<StopStatus> aligned = new ArrayList<>();
    for (Stop stop : plan.stops()) {
      aligned.add(
          old.stream()
              .filter(s -> stop.name.equals(s.name) && Objects.equals(typeOf(stop), s.type))
              .findFirst()
              .orElseGet(() -> pending(stop)));
    }
    status.stops = aligned;
    if (status.conditions == null) {
      status.conditions = new ArrayList<>();
    }
    return status;
  }

  static StopStatus pending(Stop stop) {
    StopStatus s = new StopStatus();
    s.name = stop.name;
    s.type = typeOf(stop);
    s.state = StopState.Pending;
    return s;
  }

  /** Deep copy, so that callers can compare before and after. */
  static ClusterTourStatus copy(ClusterTourStatus status) {
    return status == null ? null : JSON.clone(status);
  }

  private static Stop.StopType typeOf(Stop stop) {
    return stop.type;
  }
}
