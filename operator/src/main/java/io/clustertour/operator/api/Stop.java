package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** One step of a tour: the operator makes the cluster do one thing and watches what follows. */
@ValidationRule(
    value =
        "(!has(self.inventory) || self.type == 'Inventory') && (!has(self.__namespace__) ||"
            + " self.type == 'Namespace') && (!has(self.deployment) || self.type == 'Deployment')"
            + " && (!has(self.scale) || self.type == 'Scale') && (!has(self.deletePod) ||"
            + " self.type == 'DeletePod') && (!has(self.job) || self.type == 'Job') &&"
            + " (!has(self.service) || self.type == 'Service')",
    message =
        "a stop may only have the settings section of its own type: type: Scale goes with"
            + " 'scale:', type: Deployment with 'deployment:', and so on")
@ValidationRule(
    value = "self.type != 'Namespace' || has(self.__namespace__)",
    message = "type: Namespace needs a 'namespace:' section with the name of the namespace")
@ValidationRule(
    value = "self.type != 'Deployment' || has(self.deployment)",
    message = "type: Deployment needs a 'deployment:' section with its name, namespace and image")
@ValidationRule(
    value = "self.type != 'Job' || has(self.job)",
    message = "type: Job needs a 'job:' section with its name, namespace and image")
@ValidationRule(
    value = "self.type != 'Scale' || has(self.scale)",
    message = "type: Scale needs a 'scale:' section with the new number of replicas")
@ValidationRule(
    value = "!(self.type in ['Scale', 'DeletePod', 'Service']) || has(self.target)",
    message = "Scale, DeletePod and Service stops need 'target': the name of a tour Deployment")
@SchemaCustomizer(
    value = DeepMerge.class,
    input =
        """
        {"description": "One stop: its name, its type and the section of settings for that type.",
         "properties": {"expectedFlow": {"x-kubernetes-list-type": "atomic"}}}
        """)
@JsonIgnoreProperties(ignoreUnknown = true)
public class Stop {

  @JsonPropertyDescription(
      "Name of the stop, unique in the tour: lowercase letters, digits and '-', at most 40"
          + " characters.")
  @Required
  @Size(min = 1, max = 40)
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  public String name;

  @JsonPropertyDescription(
      "What the stop does: Inventory, Namespace, Deployment, Scale, DeletePod, Job or Service. The"
          + " section of the same name (inventory, namespace, ...) holds its settings; Inventory,"
          + " DeletePod and Service stops may leave it out.")
  @Required
  @Size(max = 12)
  public StopType type;

  @JsonPropertyDescription(
      "Seconds this stop may take before it ends as TimedOut; overrides spec.timeoutSeconds. 5 to"
          + " 3600.")
  @Min(5)
  @Max(3600)
  public Integer timeoutSeconds;

  @JsonPropertyDescription(
      "For Scale, DeletePod and Service stops: the name of a Deployment created by an earlier"
          + " Deployment stop of this tour.")
  @Size(max = 63)
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  public String target;

  @JsonPropertyDescription(
      "Settings of an Inventory stop (reads the cluster, creates nothing); optional, every"
          + " setting has a default.")
  public InventoryStop inventory;

  @JsonPropertyDescription("Settings of a Namespace stop (creates a namespace the tour owns).")
  public NamespaceStop namespace;

  @JsonPropertyDescription(
      "Settings of a Deployment stop (creates a Deployment in a tour namespace).")
  public WorkloadStop deployment;

  @JsonPropertyDescription(
      "Settings of a Scale stop (changes the replicas of the target Deployment).")
  public ScaleStop scale;

  @JsonPropertyDescription(
      "Settings of a DeletePod stop (deletes one pod of the target Deployment to watch"
          + " self-healing); optional, every setting has a default.")
  public DeletePodStop deletePod;

  @JsonPropertyDescription("Settings of a Job stop (creates a Job in a tour namespace).")
  public WorkloadStop job;

  @JsonPropertyDescription(
      "Settings of a Service stop (creates a Service for the target Deployment); optional,"
          + " every setting has a default.")
  public ServiceStop service;

  @JsonPropertyDescription(
      "Your own belief of what happens in this stop, step by step. When set, the tour grades these"
          + " steps against what the cluster really did instead of the shipped documented flow.")
  @Size(max = 30)
  public List<ExpectedStep> expectedFlow;

  /** The kinds of stop a tour can make. */
  public enum StopType {
    Inventory,
    Namespace,
    Deployment,
    Scale,
    DeletePod,
    Job,
    Service
  }
}
