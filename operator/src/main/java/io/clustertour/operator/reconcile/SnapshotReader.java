package io.clustertour.operator.reconcile;

import io.clustertour.operator.act.TourOwnership;
import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.observe.ClusterWatcher;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
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
    StopKind kind = StopKind.of(stop);
    boolean named = workload != null;
    return new ClusterSnapshot(
        watcher.namespace(ns).orElse(null),
        watcher.defaultServiceAccount(ns).isPresent(),
        watcher.rootCaConfigMap(ns).isPresent(),
        named && kind.readsDeployment() ? watcher.deployment(ns, workload).orElse(null) : null,
        named && kind.readsJob() ? watcher.job(ns, workload).orElse(null) : null,
        named ? podsOf(watcher.pods(ns), tourName, workload) : List.of(),
        named && kind.readsEndpointSlices() ? watcher.endpointSlices(ns, workload) : List.of());
  }

  /**
   * Whether the watcher has recorded everything {@code snapshot} shows (see {@link
   * ClusterWatcher#hasRecorded}). Asked after the snapshot was read and before the observations
   * are, so that what it vouches for is among them.
   */
  static boolean recorded(
      ClusterWatcher watcher, TourPlan plan, Stop stop, ClusterSnapshot snapshot) {
    String ns = plan.namespaceOf(stop).orElse(null);
    if (ns == null) {
      return true;
    }
    List<HasMetadata> seen = new ArrayList<>();
    if (snapshot.namespace() != null) {
      seen.add(snapshot.namespace());
    }
    // the snapshot keeps only whether these exist; their current versions are at least as new
    watcher.defaultServiceAccount(ns).ifPresent(seen::add);
    watcher.rootCaConfigMap(ns).ifPresent(seen::add);
    if (snapshot.deployment() != null) {
      seen.add(snapshot.deployment());
    }
    if (snapshot.job() != null) {
      seen.add(snapshot.job());
    }
    seen.addAll(snapshot.pods());
    seen.addAll(snapshot.endpointSlices());
    return watcher.hasRecorded(ns, seen);
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
