package io.clustertour.operator.reconcile;

import io.clustertour.operator.act.TourOwnership;
import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.observe.ClusterWatcher;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;

/** Reads one stop's {@link ClusterSnapshot} from the watcher's informer caches. */
final class SnapshotReader {
  private SnapshotReader() {}

  static ClusterSnapshot read(ClusterWatcher watcher, TourPlan plan, Stop stop, String tourName) {
    String ns = plan.namespaceOf(stop).orElse(null);
    if (ns == null) {
      return ClusterSnapshot.empty();
    }
    String workload = plan.workloadOf(stop).orElse(null);
    boolean deploymentStop =
        switch (stop.type) {
          case Deployment, Scale, DeletePod, Service -> true;
          default -> false;
        };
    return new ClusterSnapshot(
        watcher.namespace(ns).orElse(null),
        watcher.defaultServiceAccount(ns).isPresent(),
        watcher.rootCaConfigMap(ns).isPresent(),
        deploymentStop && workload != null ? watcher.deployment(ns, workload).orElse(null) : null,
        stop.type == Stop.StopType.Job && workload != null
            ? watcher.job(ns, workload).orElse(null)
            : null,
        workload == null ? List.of() : podsOf(watcher.pods(ns), tourName, workload),
        stop.type == Stop.StopType.Service && workload != null
            ? watcher.endpointSlices(ns, workload)
            : List.of());
  }

  private static List<Pod> podsOf(List<Pod> pods, String tourName, String workload) {
    return pods.stream()
        .filter(
            p -> {
              Map<String, String> labels = p.getMetadata().getLabels();
              return labels != null
                  && tourName.equals(labels.get(ClusterTour.TOUR_LABEL))
                  && workload.equals(labels.get(TourOwnership.APP_LABEL));
            })
        .toList();
  }
}
