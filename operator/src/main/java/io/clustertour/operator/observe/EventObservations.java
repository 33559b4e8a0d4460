package io.clustertour.operator.observe;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSeries;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.time.Instant;

/** Turns a core/v1 Event (which also carries events.k8s.io events) into an {@link Observation}. */
final class EventObservations {
  private EventObservations() {}

  /** The observation for {@code event}, not yet stamped with a seq. */
  static Observation of(Event event, Instant receivedAt, boolean recovered) {
    ObjectReference involved = event.getInvolvedObject();
    Timed timed = bestTime(event);
    return new Observation(
        0,
        receivedAt,
        event.getMetadata().getNamespace(),
        Observation.EVENT,
        event.getReason(),
        component(event),
        involved == null ? null : involved.getKind(),
        involved == null ? null : involved.getName(),
        involved == null ? null : involved.getUid(),
        event.getMessage(),
        timed.time(),
        timed.precision(),
        event.getMetadata().getResourceVersion(),
        count(event),
        event.getSeries() != null,
        recovered,
        key(event),
        0);
  }

  /** Events are identified by UID: a deduplicated event is the same object with a new count. */
  static String key(Event event) {
    String uid = event.getMetadata().getUid();
    return "event/"
        + (uid != null
            ? uid
            : event.getMetadata().getNamespace() + "/" + event.getMetadata().getName());
  }

  /** events.k8s.io writers fill reportingComponent (reportingController); legacy ones source. */
  static String component(Event event) {
    if (notBlank(event.getReportingComponent())) {
      return event.getReportingComponent();
    }
    if (event.getSource() != null && notBlank(event.getSource().getComponent())) {
      return event.getSource().getComponent();
    }
    return "unknown";
  }

  /** The larger of the legacy count and the series count, at least 1. */
  static int count(Event event) {
    int count = event.getCount() == null ? 1 : event.getCount();
    EventSeries series = event.getSeries();
    if (series != null && series.getCount() != null) {
      count = Math.max(count, series.getCount());
    }
    return Math.max(1, count);
  }

  /** eventTime (µs) when set, else lastTimestamp/firstTimestamp, else creationTimestamp (s). */
  static Timed bestTime(Event event) {
    if (event.getEventTime() != null) {
      Instant micro = Times.parse(event.getEventTime().getTime());
      if (micro != null) {
        return new Timed(micro, Observation.MICROS);
      }
    }
    for (String text :
        new String[] {
          event.getLastTimestamp(),
          event.getFirstTimestamp(),
          event.getMetadata().getCreationTimestamp()
        }) {
      Instant seconds = Times.parse(text);
      if (seconds != null) {
        return new Timed(seconds, Observation.SECONDS);
      }
    }
    return new Timed(null, null);
  }

  private static boolean notBlank(String text) {
    return text != null && !text.isBlank();
  }

  /** A time and its precision. */
  record Timed(Instant time, String precision) {}
}
