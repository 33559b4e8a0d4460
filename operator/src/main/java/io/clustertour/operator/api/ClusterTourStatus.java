package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the tour saw: per-stop timelines and verdicts, plus conditions and a one-line summary. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterTourStatus {
  @JsonPropertyDescription("The spec generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription(
      "Ready (tour running or finished normally), Completed (all stops ended) and"
          + " MatchesDocumentation (every checkable documented step was observed as described).")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription(
      "Overall state, for kubectl get: Pending, Running, Completed, Diverged or Failed.")
  public String state;

  @JsonPropertyDescription("Stops finished out of all stops, e.g. 2/3.")
  public String stopsDone;

  @JsonPropertyDescription("Verdict counts over all stops, e.g. '7 observed, 3 contradicted'.")
  public String verdictSummary;

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
