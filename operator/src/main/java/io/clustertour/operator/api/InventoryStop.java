package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Settings of an Inventory stop: it only reads the cluster. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class InventoryStop {
  @JsonPropertyDescription(
      "Also count the API resources by scope (namespaced vs cluster-scoped). Default true.")
  @Default("true")
  public Boolean apiResources = Boolean.TRUE;
}
