package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A guided walk through the control plane: stops that make the cluster act, and what was seen. */
@Group(ClusterTour.GROUP)
@Version(ClusterTour.VERSION)
@Kind("ClusterTour")
@Plural("clustertours")
@ShortNames({"ct", "tour"})
@Categories("clustertour")
// kubectl prints these in this order, the priority 1 ones only with -o wide. The generator sorts
// them by JSON path (Age first); CrdColumnOrder puts them back in this order at build time.
@AdditionalPrinterColumn(
    name = "State",
    jsonPath = ".status.state",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Stops",
    jsonPath = ".status.stopsDone",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Verdicts",
    jsonPath = ".status.verdictSummary",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(
    name = "Current",
    jsonPath = ".status.currentStop",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1,
    getDescription = "The stop running now; empty once every stop has ended.")
@AdditionalPrinterColumn(
    name = "Evidence",
    jsonPath = ".status.evidenceLevel",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1,
    getDescription = "direct (audit or traces arrive) or observed (Events and watches only).")
@SchemaCustomizer(
    value = DeepMerge.class,
    input =
        """
        {"description": "A guided walk through the control plane: the stops in spec make the cluster act, the status shows what its components did and how that compares with the documentation."}
        """)
public class ClusterTour extends CustomResource<ClusterTourSpec, ClusterTourStatus> {
  public static final String GROUP = "clustertour.io";
  public static final String VERSION = "v1alpha1";

  /** Label put on every object a tour creates; value is the tour name. */
  public static final String TOUR_LABEL = "clustertour.io/tour";

  @Override
  @Required
  @JsonPropertyDescription(
      "What the tour does: the stops to run in order, the language of the documented flows and"
          + " the default timeout of a stop.")
  public ClusterTourSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription(
      "What the tour saw, written by the operator: per stop the timeline of what the components"
          + " did and the verdicts against the documented flow, plus conditions and a summary.")
  public ClusterTourStatus getStatus() {
    return super.getStatus();
  }
}
