package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One step of a learner's own belief about a stop: who does what. */
@SchemaCustomizer(
    value = DeepMerge.class,
    input =
        """
        {"description": "One step you expect: which component acts and, optionally, with which Event reason."}
        """)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ExpectedStep {
  @JsonPropertyDescription(
      "Component you expect to act, e.g. deployment-controller, replicaset-controller,"
          + " default-scheduler, kubelet, kube-apiserver, job-controller.")
  @Required
  @Size(min = 1, max = 63)
  public String component;

  @JsonPropertyDescription(
      "Optional Event reason you expect from it, e.g. ScalingReplicaSet, SuccessfulCreate,"
          + " Scheduled, Pulled, Started. Without it any sign of the component counts.")
  @Size(max = 63)
  public String reason;

  @JsonPropertyDescription("Your sentence for this step, shown next to the verdict.")
  @Required
  @Size(min = 1, max = 300)
  public String text;
}
