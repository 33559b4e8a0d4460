package io.clustertour.operator.reconcile;

import io.clustertour.operator.act.TourOwnership;
import io.clustertour.operator.api.ClusterTour;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events about a ClusterTour, so {@code kubectl describe ct} tells the story. The
 * Event name is derived from tour uid, stop and reason: writing the same transition twice (a
 * retried reconcile) hits AlreadyExists instead of duplicating it.
 */
public class TourEventRecorder {
  /** Cluster-scoped objects' Events live in "default", where kubectl describe finds them. */
  static final String EVENT_NAMESPACE = "default";

  private static final Logger LOG = LoggerFactory.getLogger(TourEventRecorder.class);
  private static final int MESSAGE_LIMIT = 1024;

  /** What the operator did, required by the API server for an Event with an eventTime. */
  static final String ACTION = "RunTour";

  private final KubernetesClient client;
  private final String instance;

  public TourEventRecorder(KubernetesClient client, String instance) {
    this.client = client;
    this.instance = instance;
  }

  /** Records one Event; failures are logged, never thrown: Events are best effort by design. */
  public void record(ClusterTour tour, TransitionEvents.TourEvent event, Instant now) {
    Event e = build(tour, event, now, instance);
    try {
      client.v1().events().inNamespace(EVENT_NAMESPACE).resource(e).create();
    } catch (KubernetesClientException ex) {
      if (ex.getCode() == 409) {
        return;
      }
      LOG.warn(
          "Could not record Event {} for stop {}: {}",
          event.reason(),
          event.stop(),
          ex.getMessage());
    }
  }

  static Event build(
      ClusterTour tour, TransitionEvents.TourEvent event, Instant now, String instance) {
    String time = StatusTimes.seconds(now);
    String message = event.message();
    if (message.length() > MESSAGE_LIMIT) {
      message = message.substring(0, MESSAGE_LIMIT - 1) + "…";
    }
    return new EventBuilder()
        .withNewMetadata()
        .withName(name(tour, event))
        .withNamespace(EVENT_NAMESPACE)
        .addToLabels(ClusterTour.TOUR_LABEL, tour.getMetadata().getName())
        .endMetadata()
        .withNewInvolvedObject()
        .withApiVersion(tour.getApiVersion())
        .withKind(tour.getKind())
        .withName(tour.getMetadata().getName())
        .withUid(tour.getMetadata().getUid())
        .endInvolvedObject()
        .withType(event.type())
        .withReason(event.reason())
        .withMessage(message)
        .withNewSource()
        .withComponent(TourOwnership.FIELD_MANAGER)
        .endSource()
        .withReportingComponent(TourOwnership.FIELD_MANAGER)
        .withReportingInstance(instance)
        // kubectl describe sorts by lastTimestamp, whole seconds; ties keep the list's order, which
        // is the names' (see name()); the µs eventTime is for readers of the Event itself
        .withEventTime(new MicroTime(StatusTimes.micros(now)))
        .withAction(ACTION)
        .withFirstTimestamp(time)
        .withLastTimestamp(time)
        .withCount(1)
        .build();
  }

  /**
   * {@code <tour>.<place>-<phase>.<stop>.<reason>.<uid prefix>}, lower case, within the
   * 253-character limit. The API server lists Events by name, and kubectl describe keeps that order
   * for Events of one second: place and phase ({@code a} started, {@code b} finished) make it the
   * order they happened in (by stop name and reason, StopCompleted came before StopStarted).
   */
  static String name(ClusterTour tour, TransitionEvents.TourEvent event) {
    String uid = tour.getMetadata().getUid() == null ? "nouid" : tour.getMetadata().getUid();
    String phase = "StopStarted".equals(event.reason()) ? "a" : "b";
    String tail =
        "."
            + String.format(Locale.ROOT, "%03d", event.place())
            + "-"
            + phase
            + "."
            + event.stop()
            + "."
            + event.reason().toLowerCase(Locale.ROOT)
            + "."
            + uid.substring(0, Math.min(8, uid.length()));
    String head = tour.getMetadata().getName();
    if (head.length() + tail.length() > 253) {
      // a cut may leave a trailing '.' or '-', which a DNS subdomain may not end a part with
      head = head.substring(0, 253 - tail.length()).replaceAll("[.-]+$", "");
    }
    return head + tail;
  }
}
