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

  /**
   * Whether the evidence receivers have heard from the cluster since {@code lastSeen} (plus their
   * batching delay), so the audited requests and traced calls behind what was seen are on the
   * record too; always true where there are no receivers, and after a bounded wait.
   */
  default boolean evidenceCaughtUp(java.time.Instant lastSeen) {
    return true;
  }
}
