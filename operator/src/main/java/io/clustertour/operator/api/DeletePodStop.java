package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Settings of a DeletePod stop: how long the deleted pod may take to stop. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class DeletePodStop {
  @JsonPropertyDescription(
      "Grace period in seconds given to the deleted pod before the kubelet kills it. 0 to 30,"
          + " default 1.")
  @Min(0)
  @Max(30)
  @Default("1")
  public Integer gracePeriodSeconds = 1;
}
