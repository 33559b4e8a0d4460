package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import java.util.ArrayList;
import java.util.List;

/** One node as its kubelet reports it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(
    value = DeepMerge.class,
    input =
        """
        {"description": "One node as its kubelet reports it.",
         "properties": {"ready": {"enum": ["True", "False", "Unknown"]},
          "addresses": {"x-kubernetes-list-type": "atomic", "items": {"description": "One address as type=value."}}}}
        """)
@JsonIgnoreProperties(ignoreUnknown = true)
public class NodeSummary {
  @JsonPropertyDescription("Node name.")
  public String name;

  @JsonPropertyDescription("Addresses as type=value, e.g. InternalIP=10.0.0.4, Hostname=node1.")
  public List<String> addresses = new ArrayList<>();

  @JsonPropertyDescription("Value of the Ready condition: True, False or Unknown.")
  public String ready;

  @JsonPropertyDescription("Capacity: cpu, memory and pods.")
  public String capacity;

  @JsonPropertyDescription("Kubelet version the node reports.")
  public String kubeletVersion;

  @JsonPropertyDescription("Container runtime and version, e.g. containerd://1.6.20.")
  public String containerRuntime;

  @JsonPropertyDescription("OS image and kernel version.")
  public String os;

  @JsonPropertyDescription(
      "Field manager that created the Node object (the kubelet registers itself).")
  public String registeredBy;
}
