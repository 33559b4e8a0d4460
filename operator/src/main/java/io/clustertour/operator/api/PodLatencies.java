package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The start-up phases of one pod, each with its own precision and sources. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class PodLatencies {
  @JsonPropertyDescription("Name of the pod.")
  public String pod;

  @JsonPropertyDescription(
      "Pod creation until the scheduler assigned it to a node; missing if it never was.")
  public LatencyPhase createToScheduled;

  @JsonPropertyDescription(
      "Assignment to a node until the kubelet's runtime started the first container.")
  public LatencyPhase scheduledToRunning;

  @JsonPropertyDescription("Pod creation until the pod's Ready condition became True.")
  public LatencyPhase createToReady;
}
