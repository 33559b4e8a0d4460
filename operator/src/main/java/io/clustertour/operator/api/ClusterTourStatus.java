package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the tour saw: per-stop timelines and verdicts, plus conditions and a one-line summary. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(
    value = DeepMerge.class,
    input =
        """
        {"properties": {
          "stops": {"x-kubernetes-list-type": "atomic"},
          "evidenceLevel": {"enum": ["direct", "observed"]},
          "evidence": {"x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["source"],
           "items": {"description": "One evidence source and whether the cluster provides it.",
            "required": ["source"]}},
          "conditions": {"x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["type"],
           "items": {"description": "One condition, shaped like metav1.Condition.",
            "required": ["type", "status", "lastTransitionTime", "reason", "message"],
            "properties": {
             "type": {"description": "Ready, Completed or MatchesDocumentation.", "maxLength": 316},
             "status": {"description": "True, False or Unknown.", "enum": ["True", "False", "Unknown"]},
             "observedGeneration": {"description": "The spec generation the condition was set for.", "minimum": 0},
             "lastTransitionTime": {"description": "When status last changed (RFC 3339).", "format": "date-time"},
             "reason": {"description": "Why, in one CamelCase word, e.g. StopFailed.", "minLength": 1, "maxLength": 1024,
              "pattern": "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$"},
             "message": {"description": "Why, in words; may be empty.", "maxLength": 32768}}}}}}
        """)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ClusterTourStatus {
  @JsonPropertyDescription("The spec generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription(
      "Ready (tour running or finished normally), Completed (all stops ended) and"
          + " MatchesDocumentation (every checkable documented step was observed as described).")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription(
      "Overall state, for kubectl get: Pending, Running, Completed, Diverged or Failed.")
  public TourState state;

  @JsonPropertyDescription("Stops finished out of all stops, e.g. 2/3.")
  public String stopsDone;

  @JsonPropertyDescription("Verdict counts over all stops, e.g. '7 observed, 3 contradicted'.")
  public String verdictSummary;

  @JsonPropertyDescription(
      "The stop running now (the first that has not ended), for kubectl get -o wide; absent once"
          + " every stop has ended.")
  public String currentStop;

  @JsonPropertyDescription(
      "The strongest evidence this cluster gives the tour, for kubectl get -o wide: direct (the"
          + " API server's audit stream or the components' traces arrive) or observed (Events and"
          + " watches only); see evidence for each source.")
  public String evidenceLevel;

  @JsonPropertyDescription("One line that says what happened.")
  public String summary;

  @JsonPropertyDescription("What the Inventory stop found about the cluster.")
  public ClusterInfo cluster;

  @JsonPropertyDescription(
      "The evidence this cluster gives the tour, strongest first, and for each missing source"
          + " why: verdicts rest on what is available.")
  public List<EvidenceSource> evidence;

  @JsonPropertyDescription("One entry per stop, in spec order.")
  public List<StopStatus> stops = new ArrayList<>();
}
