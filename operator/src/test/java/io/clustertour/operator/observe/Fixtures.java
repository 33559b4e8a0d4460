package io.clustertour.operator.observe;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Objects as a real v1.33 cluster returns them (src/test/resources/observe), and edits of them. */
final class Fixtures {
  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  private Fixtures() {}

  /** The object in {@code observe/<name>.yaml}. */
  static <T extends HasMetadata> T load(String name, Class<T> type) {
    String path = "/observe/" + name + ".yaml";
    try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return YAML.unmarshal(new String(in.readAllBytes(), StandardCharsets.UTF_8), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A managedFields entry; {@code fieldsYaml} is the {@code fieldsV1} block as kubectl prints it
   * with --show-managed-fields.
   */
  @SuppressWarnings("unchecked")
  static ManagedFieldsEntry entry(
      String manager, String operation, String subresource, String time, String fieldsYaml) {
    FieldsV1 fields = new FieldsV1();
    YAML.unmarshal(fieldsYaml, Map.class)
        .forEach((k, v) -> fields.setAdditionalProperty((String) k, v));
    return new ManagedFieldsEntryBuilder()
        .withApiVersion("v1")
        .withFieldsType("FieldsV1")
        .withFieldsV1(fields)
        .withManager(manager)
        .withOperation(operation)
        .withSubresource(subresource)
        .withTime(time)
        .build();
  }

  /** {@code object} with its managedFields replaced by {@code entries}. */
  static <T extends HasMetadata> T withManagedFields(T object, ManagedFieldsEntry... entries) {
    object.getMetadata().setManagedFields(new ArrayList<>(List.of(entries)));
    return object;
  }

  /** {@code object} with the manager of every managedFields entry named {@code from} renamed. */
  static <T extends HasMetadata> T renameManager(T object, String from, String to) {
    object.getMetadata().getManagedFields().stream()
        .filter(e -> from.equals(e.getManager()))
        .forEach(e -> e.setManager(to));
    return object;
  }
}
