package io.clustertour.operator.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tours for scripts: the objects as the API server serves them, in JSON or YAML. */
public final class TourDocument {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final ObjectMapper JSON = new ObjectMapper();

  private TourDocument() {}

  /** The tour without metadata.managedFields, which kubectl leaves out of its output too. */
  public static GenericKubernetesResource served(GenericKubernetesResource tour) {
    GenericKubernetesResource copy = SERIALIZATION.clone(tour);
    if (copy.getMetadata() != null) {
      copy.getMetadata().setManagedFields(null);
    }
    return copy;
  }

  /** Several tours as one document, shaped like kubectl's {@code get -o json} of a list. */
  public static Map<String, Object> list(List<GenericKubernetesResource> tours) {
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("apiVersion", "v1");
    list.put("kind", "List");
    list.put("items", tours.stream().map(TourDocument::served).toList());
    return list;
  }

  /** Indented JSON, one trailing newline. */
  public static String json(Object document) {
    try {
      return JSON.writerWithDefaultPrettyPrinter()
              .writeValueAsString(JSON.readTree(SERIALIZATION.asJson(document)))
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot print as JSON", e);
    }
  }

  public static String yaml(Object document) {
    return SERIALIZATION.asYaml(document);
  }
}
