package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;

/** One thing the cluster did, as seen through an Event or an object change on a watch. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(
    value = DeepMerge.class,
    input =
        """
        {"description": "One thing the cluster (or the operator) did.",
         "properties": {"time": {"format": "date-time"}, "receivedAt": {"format": "date-time"},
          "until": {"format": "date-time"},
          "via": {"x-kubernetes-list-type": "atomic",
           "items": {"description": "audit or trace.", "enum": ["audit", "trace"]}},
          "precision": {"enum": ["us", "ms", "s"]},
          "source": {"enum": ["event", "watch", "request", "inventory", "audit", "trace"]}}}
        """)
@JsonIgnoreProperties(ignoreUnknown = true)
public class TimelineEntry {
  @JsonPropertyDescription(
      "Position in the causal order (1, 2, ...): writes in etcd revision order, the rest placed by"
          + " what their clocks prove. Entries are listed in this order.")
  public Integer order;

  @JsonPropertyDescription(
      "True when nothing proves this entry happened after the one listed before it: the two are"
          + " concurrent as far as the cluster's records show.")
  public Boolean concurrent;

  @JsonPropertyDescription(
      "Order in which the operator received it from its watches (1, 2, ...); an identifier, not"
          + " an order of events.")
  public Long seq;

  @JsonPropertyDescription(
      "etcd revision of the write this entry is (the resourceVersion the write produced), when it"
          + " orders the entry: live writes, and Events when the cluster shows one revision space"
          + " for Events and objects.")
  public Long revision;

  @JsonPropertyDescription(
      "Time on the acting component's own clock (RFC 3339): an Event's eventTime or timestamp, an"
          + " object's own timestamp for the change, or for the operator's requests when it sent"
          + " them. Absent when the cluster records none.")
  public String time;

  @JsonPropertyDescription(
      "Precision of time: 'us' (events.k8s.io eventTime), 's' (metav1.Time fields and legacy"
          + " event timestamps) or 'ms' (the operator's own clock, for its requests).")
  public String precision;

  @JsonPropertyDescription(
      "When the operator's watch delivered it, or the API server answered the operator's own"
          + " request (RFC 3339, ms, operator clock): an upper bound, not the moment it happened.")
  public String receivedAt;

  @JsonPropertyDescription(
      "Milliseconds since the stop started by which this had provably happened: the earliest"
          + " receive time of this entry or of anything that provably happened after it. Never"
          + " decreases down the timeline.")
  public Long offsetMs;

  @JsonPropertyDescription(
      "Component that acted: the event's reportingController or source.component, or for silent"
          + " steps the writer of the change.")
  public String component;

  @JsonPropertyDescription("Event reason, or the name of a silent step such as PodBound.")
  public String reason;

  @JsonPropertyDescription("Object involved, as Kind/name.")
  public String object;

  @JsonPropertyDescription("UID of the object involved: names are reused, UIDs never.")
  public String uid;

  @JsonPropertyDescription("Event message or description of the object change (shortened).")
  public String message;

  @JsonPropertyDescription(
      "'event' for a Kubernetes Event, 'watch' for an object change seen on a watch, 'request'"
          + " for the operator's own write (recorded from the API server's answer), 'inventory'"
          + " for what an Inventory stop read, 'audit' for a request another component made (the"
          + " API server's audit stream), 'trace' for a span a component traced (the API server's"
          + " etcd write, the kubelet's CRI call).")
  public String source;

  @JsonPropertyDescription(
      "When the act ended, on the same clock as 'time' (the API server's answer to an audited"
          + " request, the end of a traced call); absent for an instant.")
  public String until;

  @JsonPropertyDescription(
      "Direct evidence merged into this record of one write: 'audit' (the request that made it,"
          + " with the API server's microsecond time) and 'trace' (the API server's etcd write).")
  public java.util.List<String> via;

  @JsonPropertyDescription(
      "How many times the event recorder counted this event (shown when above 1).")
  public Integer count;

  @JsonPropertyDescription(
      "resourceVersion of the object or Event when first seen (the etcd revision of that write).")
  public String resourceVersion;
}
