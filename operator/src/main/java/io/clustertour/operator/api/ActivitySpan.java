package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;

/** How long the cluster was busy within a stop, apart from the operator's waits and rechecks. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(
    value = DeepMerge.class,
    input =
        """
        {"properties": {"precision": {"enum": ["us", "ms", "s"]}}}
        """)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ActivitySpan {
  @JsonPropertyDescription(
      "First to last evidence of the stop's window in ms, by each entry's own cluster time where"
          + " it has one (precision 's' or 'us'), else its watch-receive time. With precision 's'"
          + " both ends were cut to whole seconds: good to ±1 s.")
  public Long ms;

  @JsonPropertyDescription("The coarser precision of the two ends: 'us', 'ms' or 's'.")
  public String precision;

  @JsonPropertyDescription("seq of the timeline entry that starts the span.")
  public Long firstSeq;

  @JsonPropertyDescription("seq of the timeline entry that ends the span.")
  public Long lastSeq;

  @JsonPropertyDescription(
      "First to last watch-receive time of the same window (ms, operator clock); missing when"
          + " every entry was replayed after an operator restart.")
  public Long watchMs;
}
