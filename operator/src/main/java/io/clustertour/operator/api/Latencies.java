package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Pod start-up phases of a stop, in milliseconds, with the precision of the times used. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Latencies {
  @JsonPropertyDescription("Pod creation until the scheduler bound it to a node (ms).")
  public Long createToScheduledMs;

  @JsonPropertyDescription("Binding until the kubelet reported the container running (ms).")
  public Long scheduledToRunningMs;

  @JsonPropertyDescription("Pod creation until the pod was Ready (ms).")
  public Long createToReadyMs;

  @JsonPropertyDescription(
      "Precision of the times used: 'ms' when taken from the operator's watch-receive times, 's'"
          + " when only second-precision object times were available.")
  public String precision;
}
