package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Settings of a Service stop: the port the Service exposes for the target Deployment. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class ServiceStop {
  @JsonPropertyDescription(
      "Port of the Service and of the pods behind it. 1 to 65535, default 8080.")
  @Min(1)
  @Max(65535)
  @Default("8080")
  public Integer port = 8080;
}
