package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import java.util.ArrayList;
import java.util.List;

/** The outcome of one stop: state, the observed timeline and the documented-flow verdicts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(
    value = DeepMerge.class,
    input =
        """
        {"description": "What happened in one stop.",
         "properties": {"timeline": {"x-kubernetes-list-type": "atomic"}, "flow": {"x-kubernetes-list-type": "atomic"},
          "startedAt": {"format": "date-time"}, "finishedAt": {"format": "date-time"}}}
        """)
@JsonIgnoreProperties(ignoreUnknown = true)
public class StopStatus {
  @JsonPropertyDescription("Name of the stop.")
  public String name;

  @JsonPropertyDescription("Type of the stop.")
  public Stop.StopType type;

  @JsonPropertyDescription("Pending, Running, Completed, Diverged, TimedOut or Failed.")
  public StopState state;

  @JsonPropertyDescription(
      "Machine-readable reason of the state, e.g. ErrImagePull, NamespaceNotOwned.")
  public String reason;

  @JsonPropertyDescription("Human-readable explanation of the state.")
  public String message;

  @JsonPropertyDescription(
      "When the stop started (RFC 3339, millisecond precision, operator clock).")
  public String startedAt;

  @JsonPropertyDescription("When the stop ended (RFC 3339, millisecond precision, operator clock).")
  public String finishedAt;

  @JsonPropertyDescription(
      "How this stop's timeline is ordered: by etcd revision, and whether Events share the"
          + " objects' revision space on this cluster (checked, not assumed).")
  public String ordering;

  @JsonPropertyDescription(
      "What the cluster did, in causal order (see ordering); capped, see droppedEntries.")
  public List<TimelineEntry> timeline = new ArrayList<>();

  @JsonPropertyDescription(
      "Timeline entries not kept because of the cap (the first and last are kept).")
  public Integer droppedEntries;

  @JsonPropertyDescription(
      "Events whose count grew after they were first seen (deduplicated by the event recorder).")
  public Integer repeatedEvents;

  @JsonPropertyDescription("Each documented (or expected) step with its verdict and evidence.")
  public List<FlowStepResult> flow = new ArrayList<>();

  @JsonPropertyDescription(
      "DeletePod stops: the pod chosen for deletion, stored before it is deleted so that a retry"
          + " after a crash deletes this pod or nothing, never a second one.")
  public PodRef deletedPod;

  @JsonPropertyDescription(
      "Pod start-up phases of the stop's pods (Deployment, Scale, DeletePod and Job stops).")
  public Latencies latencies;

  @JsonPropertyDescription(
      "How long the cluster itself was busy in the stop; startedAt to finishedAt also counts the"
          + " operator's own waits and rechecks.")
  public ActivitySpan activity;
}
