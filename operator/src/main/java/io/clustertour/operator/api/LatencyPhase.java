package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;

/** One start-up phase of a pod: the cluster's own times, and the operator's view separately. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(
    value = DeepMerge.class,
    input =
        """
        {"properties": {"precision": {"enum": ["us", "ms", "s"]}}}
        """)
@JsonIgnoreProperties(ignoreUnknown = true)
public class LatencyPhase {
  @JsonPropertyDescription(
      "Duration between the two cluster times named in from and to, in ms, never negative. When"
          + " precision is 's' both ends were cut to whole seconds: a multiple of 1000 that is"
          + " only good to ±1 s.")
  public Long ms;

  @JsonPropertyDescription(
      "The coarser precision of the two ends: 's' (metav1.Time fields, ±1 s) or 'us' (both ends"
          + " events.k8s.io eventTime).")
  public String precision;

  @JsonPropertyDescription(
      "Where the start time comes from, e.g. creationTimestamp (API server clock) or"
          + " Scheduled.eventTime (the scheduler's µs Event time).")
  public String from;

  @JsonPropertyDescription(
      "Where the end time comes from, e.g. Scheduled.eventTime, PodScheduled.lastTransitionTime,"
          + " running.startedAt (kubelet/runtime clock) or Ready.lastTransitionTime.")
  public String to;

  @JsonPropertyDescription(
      "The same phase between the operator's watch-receive times (ms, operator clock): each end"
          + " is an upper bound of when it happened, so this includes watch delivery. Missing"
          + " after an operator restart (replayed steps have no receive time).")
  public Long watchMs;
}
