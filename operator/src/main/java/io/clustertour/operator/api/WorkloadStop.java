package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Settings of a Deployment or Job stop: the workload the tour creates in one of its namespaces. */
@SchemaCustomizer(
    value = DeepMerge.class,
    input =
        """
        {"properties": {"command": {"x-kubernetes-list-type": "atomic",
          "items": {"description": "One word of the command, e.g. httpd."}}}}
        """)
@JsonIgnoreProperties(ignoreUnknown = true)
public class WorkloadStop {
  @JsonPropertyDescription("Name of the Deployment or Job. Lowercase letters, digits and '-'.")
  @Required
  @Size(min = 1, max = 50)
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  public String name;

  @JsonPropertyDescription("Namespace to create it in: one created by an earlier Namespace stop.")
  @Required
  @Size(min = 1, max = 63)
  public String namespace;

  @JsonPropertyDescription(
      "Container image, e.g. busybox:1.36. An image that does not exist makes a failure tour.")
  @Required
  @Size(min = 1, max = 255)
  public String image;

  @JsonPropertyDescription(
      "When the kubelet pulls the image: IfNotPresent (default), Always or Never.")
  @Default("IfNotPresent")
  public PullPolicy imagePullPolicy = PullPolicy.IfNotPresent;

  @JsonPropertyDescription("Number of pods (Deployment only). 0 to 20, default 1.")
  @Min(0)
  @Max(20)
  @Default("1")
  public Integer replicas = 1;

  @JsonPropertyDescription(
      "Command the container runs, e.g. [\"httpd\", \"-f\", \"-p\", \"8080\"]. At most 20 words.")
  @Size(max = 20)
  public List<String> command;

  @JsonPropertyDescription(
      "CPU request, e.g. 10m. A request no node can satisfy makes an unschedulable failure tour.")
  @Size(max = 20)
  public String cpuRequest;

  @JsonPropertyDescription("Memory request, e.g. 16Mi.")
  @Size(max = 20)
  public String memoryRequest;

  @JsonPropertyDescription("Retries before a Job is marked failed (Job only). 0 to 10, default 0.")
  @Min(0)
  @Max(10)
  @Default("0")
  public Integer backoffLimit = 0;

  /** Kubernetes image pull policies. */
  public enum PullPolicy {
    IfNotPresent,
    Always,
    Never
  }
}
