package io.clustertour.operator.observe;

import io.clustertour.operator.api.ClusterTour;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Objects;

/**
 * A JOSDK informer event source that records every notification before JOSDK propagates it, so a
 * reconcile the notification triggers always finds it on the record.
 */
final class RecordingEventSource<R extends HasMetadata>
    extends InformerEventSource<R, ClusterTour> {
  private final Notifications<R> notifications;

  RecordingEventSource(
      InformerEventSourceConfiguration<R> configuration,
      EventSourceContext<ClusterTour> context,
      Notifications<R> notifications) {
    super(configuration, context);
    this.notifications = Objects.requireNonNull(notifications);
  }

  // The informer's cache already holds the notification's object when a handler runs. What JOSDK
  // adds in super is its own-write filter and temporary cache, both fed only by
  // handleRecentResourceCreate/Update, which this operator never calls, and the wake-up; so a
  // notification that needs no wake-up (an untracked namespace, an Event that changed nothing) is
  // not passed on, and no tombstone is kept for every deletion in the cluster.

  @Override
  public void onAdd(R object) {
    if (notifications.added(object)) {
      super.onAdd(object);
    }
  }

  @Override
  public void onUpdate(R old, R now) {
    if (notifications.updated(old, now)) {
      super.onUpdate(old, now);
    }
  }

  @Override
  public void onDelete(R object, boolean finalStateUnknown) {
    if (notifications.deleted(object)) {
      super.onDelete(object, finalStateUnknown);
    }
  }
}
