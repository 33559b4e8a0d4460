package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One thing the cluster did, as seen through an Event or an object change on a watch. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TimelineEntry {
  @JsonPropertyDescription("Order in which the operator received it from its watches (1, 2, ...).")
  public Long seq;

  @JsonPropertyDescription("Best known time of the step (RFC 3339).")
  public String time;

  @JsonPropertyDescription(
      "Precision of time: 'us' (event eventTime), 's' (metav1.Time fields and legacy event"
          + " timestamps) or 'ms' (the operator's own watch-receive time).")
  public String precision;

  @JsonPropertyDescription("Milliseconds since the stop started (from the watch-receive time).")
  public Long offsetMs;

  @JsonPropertyDescription(
      "Component that acted: the event's reportingController or source.component, or for silent"
          + " steps the controller known to make that object change.")
  public String component;

  @JsonPropertyDescription("Event reason, or the name of a silent step such as PodBound.")
  public String reason;

  @JsonPropertyDescription("Object involved, as Kind/name.")
  public String object;

  @JsonPropertyDescription("Event message or description of the object change (shortened).")
  public String message;

  @JsonPropertyDescription(
      "'event' for a Kubernetes Event, 'watch' for an object change seen on a watch.")
  public String source;

  @JsonPropertyDescription(
      "How many times the event recorder counted this event (shown when above 1).")
  public Integer count;

  @JsonPropertyDescription("resourceVersion of the object after the change: the etcd revision.")
  public String resourceVersion;
}
