package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

// Order between stops (a namespace created before it is used) is checked when the stop runs:
// CEL's cost estimate for an ordered check over 20 stops exceeds the API server's budget.
/** What the learner asks for: the stops to run in order, the language and the default timeout. */
@ValidationRule(
    value = "self.stops.all(s, self.stops.exists_one(t, t.name == s.name))",
    message = "stop names must be unique within a tour")
@ValidationRule(
    value =
        "self.stops.all(s, !has(s.deployment) || self.stops.exists(n, has(n.__namespace__)"
            + " && n.__namespace__.name == s.deployment.__namespace__))",
    message =
        "a Deployment stop's namespace must be created by a Namespace stop of this tour"
            + " (the operator only works in namespaces it created)")
@ValidationRule(
    value =
        "self.stops.all(s, !has(s.job) || self.stops.exists(n, has(n.__namespace__)"
            + " && n.__namespace__.name == s.job.__namespace__))",
    message =
        "a Job stop's namespace must be created by a Namespace stop of this tour"
            + " (the operator only works in namespaces it created)")
@ValidationRule(
    value =
        "self.stops.all(s, !has(s.target) || self.stops.exists(d, has(d.deployment)"
            + " && d.deployment.name == s.target))",
    message =
        "Scale, DeletePod and Service stops must name in 'target' a Deployment created by a"
            + " Deployment stop of this tour")
@SchemaCustomizer(
    value = DeepMerge.class,
    input =
        """
        {"properties": {"stops": {"x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"]}}}
        """)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ClusterTourSpec {

  @JsonPropertyDescription(
      "Language of the documented-flow text in the status: 'en' (English) or 'ko' (Korean).")
  @Default("en")
  public Language language = Language.en;

  @JsonPropertyDescription(
      "Seconds each stop may take before it ends as TimedOut, unless the stop sets its own"
          + " timeoutSeconds. 5 to 3600.")
  @Min(5)
  @Max(3600)
  @Default("120")
  public Integer timeoutSeconds = 120;

  @JsonPropertyDescription(
      "The stops of the tour, run one after the other in this order. 1 to 20 stops; names must be"
          + " unique.")
  @Required
  @Size(min = 1, max = 20)
  public List<Stop> stops = new ArrayList<>();

  /** Languages the documented flows are written in. */
  public enum Language {
    en,
    ko
  }
}
