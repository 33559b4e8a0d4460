package io.clustertour.operator.reconcile;

import io.clustertour.operator.api.Stop;
import io.clustertour.operator.observe.Observation;
import java.util.List;

/** The cluster as the state machine reads it: cache snapshots and recorded observations. */
interface ClusterView {
  /** What the caches hold for this stop now. */
  ClusterSnapshot snapshot(Stop stop);

  /** Everything recorded in the tour's namespaces, in seq order. */
  List<Observation> observations();
}
