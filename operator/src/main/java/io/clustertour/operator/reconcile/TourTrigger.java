package io.clustertour.operator.reconcile;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.observe.ClusterWatcher;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns "something was recorded in namespace X" (the watcher's callback) into a reconcile of the
 * tour that owns X, through a JOSDK inbound event source; JOSDK then coalesces and rate-limits. The
 * namespace → tour mapping is the namespace's own tour label, read from the watcher's cache.
 */
public final class TourTrigger implements Consumer<String> {
  private final SimpleInboundEventSource<ClusterTour> source =
      new SimpleInboundEventSource<>("clustertour-watch");
  private volatile Function<String, String> tourOfNamespace = ns -> null;

  /** The event source to register with the controller. */
  public SimpleInboundEventSource<ClusterTour> eventSource() {
    return source;
  }

  /** Where namespace labels are read; set once the watcher exists. */
  public void readLabelsFrom(ClusterWatcher watcher) {
    this.tourOfNamespace =
        ns ->
            watcher
                .namespace(ns)
                .map(n -> n.getMetadata().getLabels())
                .map((Map<String, String> labels) -> labels.get(ClusterTour.TOUR_LABEL))
                .orElse(null);
  }

  @Override
  public void accept(String namespace) {
    String tour = tourOfNamespace.apply(namespace);
    // before JOSDK started the source, or for a namespace no longer labelled, there is no one to
    // tell; the tour's own reschedule covers what a lost trigger could delay
    if (tour != null && source.isRunning()) {
      source.propagateEvent(new ResourceID(tour));
    }
  }
}
