package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
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
        "(self.type == 'Inventory') == has(self.inventory) && (self.type == 'Namespace') =="
            + " has(self.__namespace__) && (self.type == 'Deployment') == has(self.deployment) &&"
            + " (self.type == 'Scale') == has(self.scale) && (self.type == 'Job') == has(self.job)"
            + " && (self.type == 'Service') == has(self.service) && (self.type == 'DeletePod') =="
            + " has(self.deletePod)",
    message =
        "each stop needs exactly the section matching its type (type: Deployment needs"
            + " 'deployment:', type: Scale needs 'scale:', ...) and no section of another type")
@ValidationRule(
    value = "!(self.type in ['Scale', 'DeletePod', 'Service']) || has(self.target)",
    message = "Scale, DeletePod and Service stops need 'target': the name of a tour Deployment")
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
          + " section of the same name (inventory, namespace, ...) holds its settings.")
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

  @JsonPropertyDescription("Settings of an Inventory stop (reads the cluster, creates nothing).")
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
      "Settings of a DeletePod stop (deletes one pod of the target Deployment to watch self-healing).")
  public DeletePodStop deletePod;

  @JsonPropertyDescription("Settings of a Job stop (creates a Job in a tour namespace).")
  public WorkloadStop job;

  @JsonPropertyDescription(
      "Settings of a Service stop (creates a Service for the target Deployment).")
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
