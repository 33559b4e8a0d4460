package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A pod named by its UID as well as its name: names are reused, UIDs never. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class PodRef {
  @JsonPropertyDescription("Name of the pod.")
  public String name;

  @JsonPropertyDescription("UID of the pod: the delete is made with this UID as a precondition.")
  public String uid;

  public PodRef() {}

  public PodRef(String name, String uid) {
    this.name = name;
    this.uid = uid;
  }
}
