package io.clustertour.operator.reconcile;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.observe.ClusterWatcher;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns "something was recorded in namespace X" (the watcher's callback) into a reconcile of the
 * tour that owns X, through a JOSDK inbound event source; JOSDK then coalesces and rate-limits. The
 * namespace → tour mapping is the tour that tracked X (known before X exists), not X's label in a
 * cache that may not have X yet.
 */
public final class TourTrigger implements Consumer<String> {
  private final SimpleInboundEventSource<ClusterTour> source =
      new SimpleInboundEventSource<>("clustertour-watch");
  private volatile Function<String, String> tourOfNamespace = ns -> null;

  /** The event source to register with the controller. */
  public SimpleInboundEventSource<ClusterTour> eventSource() {
    return source;
  }

  /** Maps namespaces to tours through the watcher's tracking; set once the watcher exists. */
  public void mapThrough(ClusterWatcher watcher) {
    this.tourOfNamespace = ns -> watcher.trackedBy(ns).orElse(null);
  }

  @Override
  public void accept(String namespace) {
    String tour = tourOfNamespace.apply(namespace);
    // before JOSDK started the source there is no one to tell (JOSDK reconciles every tour when it
    // starts); a namespace no longer tracked belongs to no tour
    if (tour != null && source.isRunning()) {
      source.propagateEvent(new ResourceID(tour));
    }
  }
}
