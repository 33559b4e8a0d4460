package io.clustertour.operator.reconcile;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.ClusterTourStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;

/** Writes a tour's changed status so that the very next reconcile reads it back. */
interface StatusWriter {
  void write(ClusterTour tour, ClusterTourStatus status, Context<ClusterTour> context);

  /**
   * Server-side apply of the status with optimistic locking through JOSDK's {@link
   * PrimaryUpdateAndCacheUtils}, which keeps the answer in an overlay over the informer cache. The
   * status is the tour's memory (which stop runs, what was announced): a reconcile that starts a
   * few ms after the last write, before the watch brought it back, must not work from the older
   * status (it would start a stop or announce a transition twice, and its write would conflict).
   * {@code UpdateControl.patchStatus} does not cache what it wrote.
   */
  static StatusWriter cached() {
    return (tour, status, context) -> {
      ClusterTour fresh = new ClusterTour();
      fresh.setMetadata(new ObjectMetaBuilder().withName(tour.getMetadata().getName()).build());
      fresh.setStatus(status);
      PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(tour, fresh, context);
      tour.setStatus(status);
    };
  }
}
