package io.clustertour.operator.reconcile;

import io.clustertour.operator.api.Stop;
import io.clustertour.operator.observe.Observation;
import java.util.List;

/** The cluster as the state machine reads it: cache snapshots and recorded observations. */
interface ClusterView {
  /** What the caches hold for this stop now. */
  ClusterSnapshot snapshot(Stop stop);

  /**
   * Whether the observations now hold everything {@code snapshot} (read just before) shows. The
   * caches are updated just before the watcher records a change; a stop may end only on a snapshot
   * the record has caught up with, so judge and grader see the same cluster.
   */
  boolean recorded(Stop stop, ClusterSnapshot snapshot);

  /** Everything recorded in the tour's namespaces, in seq order. */
  List<Observation> observations();
}
