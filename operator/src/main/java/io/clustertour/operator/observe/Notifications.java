package io.clustertour.operator.observe;

/**
 * What a {@link RecordingEventSource} hands every watch notification to before JOSDK sees it; each
 * call answers whether the tour tracking the notification's namespace should reconcile.
 */
interface Notifications<R> {
  boolean added(R object);

  boolean updated(R old, R now);

  boolean deleted(R object);
}
