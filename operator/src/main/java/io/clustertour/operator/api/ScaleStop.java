package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** Settings of a Scale stop: the new replica count of the target Deployment. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class ScaleStop {
  @JsonPropertyDescription("New number of pods for the target Deployment. 0 to 20.")
  @Required
  @Min(0)
  @Max(20)
  public Integer replicas;
}
