package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;

/** A documented step next to its verdict and the evidence behind the verdict. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(
    value = DeepMerge.class,
    input =
        """
        {"description": "One documented (or expected) step with its verdict and evidence."}
        """)
@JsonIgnoreProperties(ignoreUnknown = true)
public class FlowStepResult {
  @JsonPropertyDescription("Step id within the documented flow, e.g. deployment.scheduled.")
  public String step;

  @JsonPropertyDescription("Claim id from the study notes (C01..C25), if the step checks one.")
  public String claim;

  @JsonPropertyDescription("Component the documentation says performs the step.")
  public String component;

  @JsonPropertyDescription("What the documentation (or your expectedFlow) says happens.")
  public String claimText;

  @JsonPropertyDescription(
      "Observed, Missing, OutOfOrder, Contradicted, NotObservable or NotReached (the stop"
          + " diverged before this step could happen).")
  public Verdict verdict;

  @JsonPropertyDescription("Why the verdict was given: what was seen (or not) and where.")
  public String evidence;

  @JsonPropertyDescription("seq of the timeline entry used as evidence, if any.")
  public Long evidenceSeq;

  @JsonPropertyDescription(
      "Milliseconds since the stop started by which the evidence had provably happened (its"
          + " timeline entry's offsetMs).")
  public Long offsetMs;

  @JsonPropertyDescription(
      "How strong the evidence is: 'direct' (the interaction itself: an audited request, a"
          + " traced etcd write or CRI call), 'observed' (an Event or watched change of one"
          + " component), 'inferred' (drawn from the shape of what was observed).")
  public String evidenceLevel;
}
