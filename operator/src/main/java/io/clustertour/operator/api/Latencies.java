package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Pod start-up phases of a stop: its first pod and, with several pods, its slowest one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class Latencies {
  @JsonPropertyDescription("How many pods were created in the stop (correlated by pod UID).")
  public Integer pods;

  @JsonPropertyDescription("The first pod created in the stop (first PodCreated on the watch).")
  public PodLatencies first;

  @JsonPropertyDescription(
      "The pod that took longest from creation to Ready; omitted when that is the first pod.")
  public PodLatencies slowest;
}
