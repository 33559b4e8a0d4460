package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One source of evidence and whether this cluster provides it to the tour. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class EvidenceSource {
  @JsonPropertyDescription(
      "audit (the API server's audit stream), apiserver-traces (its spans: the etcd writes),"
          + " kubelet-traces (the kubelet's spans: its CRI calls), events, watches.")
  public String source;

  @JsonPropertyDescription("'direct' for the interactions themselves, 'observed' otherwise.")
  public String level;

  @JsonPropertyDescription("Whether the operator has received this evidence from the cluster.")
  public Boolean available;

  @JsonPropertyDescription("Where it comes from or, when missing, why and how to turn it on.")
  public String detail;

  public EvidenceSource() {}

  public EvidenceSource(String source, String level, boolean available, String detail) {
    this.source = source;
    this.level = level;
    this.available = available;
    this.detail = detail;
  }
}
