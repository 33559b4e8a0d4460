package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Settings of a Namespace stop: the name of the namespace the tour creates and owns. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class NamespaceStop {
  @JsonPropertyDescription(
      "Name of the namespace to create. Lowercase letters, digits and '-'; not 'default' and not"
          + " starting with 'kube-' (those belong to the cluster, a tour never touches them).")
  @Required
  @Size(min = 1, max = 63)
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @ValidationRule(
      value = "!self.startsWith('kube-') && self != 'default'",
      message =
          "a tour namespace may not be 'default' or start with 'kube-': those belong to the"
              + " cluster and a tour never touches them")
  public String name;
}
