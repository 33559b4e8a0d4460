package io.clustertour.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Iterator;
import java.util.Map;

/**
 * A crd-generator schema customizer that merges its JSON input into the generated schema at every
 * depth, so that a class can add a list type or a format to one property without restating it (the
 * generator's own merge-patch customizer replaces each property it touches). Build time only.
 */
public final class DeepMerge implements SchemaCustomizer.Customizer {

  @Override
  public JSONSchemaProps apply(
      JSONSchemaProps schema, String input, KubernetesSerialization serialization) {
    JsonNode generated = serialization.convertValue(schema, JsonNode.class);
    JsonNode patch = serialization.unmarshal(input, JsonNode.class);
    return serialization.convertValue(merge(generated, patch), JSONSchemaProps.class);
  }

  static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!(target instanceof ObjectNode object) || !patch.isObject()) {
      return patch;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode current = object.get(field.getKey());
      object.set(
          field.getKey(), current == null ? field.getValue() : merge(current, field.getValue()));
    }
    return object;
  }
}
