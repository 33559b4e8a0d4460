package io.clustertour.operator.observe;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads who made an object and when, from its metadata (managedFields, owners, timestamps). */
final class Meta {
  /** Component name used when an object carries no managedFields to name its writer. */
  static final String UNKNOWN_CLIENT = "client";

  private Meta() {}

  /** The field manager that created the object: the earliest non-status managedFields entry. */
  static String creator(HasMetadata object) {
    return writers(object).stream()
        .min(Comparator.comparing(Meta::entryTime))
        .map(ManagedFieldsEntry::getManager)
        .orElse(UNKNOWN_CLIENT);
  }

  /** The latest field manager whose fields include {@code field} (e.g. {@code f:replicas}). */
  static String lastWriterOf(HasMetadata object, String field) {
    return writers(object).stream()
        .filter(
            e ->
                e.getFieldsV1() != null
                    && mentions(e.getFieldsV1().getAdditionalProperties(), field))
        .max(Comparator.comparing(Meta::entryTime))
        .map(ManagedFieldsEntry::getManager)
        .orElse(UNKNOWN_CLIENT);
  }

  /** Time of the latest managedFields write (second precision), else the creation time. */
  static Instant lastWrite(HasMetadata object) {
    List<ManagedFieldsEntry> entries = object.getMetadata().getManagedFields();
    Optional<Instant> latest =
        entries == null
            ? Optional.empty()
            : entries.stream()
                .map(Meta::entryTime)
                .filter(t -> !t.equals(Instant.MIN))
                .max(Comparator.naturalOrder());
    return latest.orElseGet(() -> created(object));
  }

  static Instant created(HasMetadata object) {
    return Times.parse(object.getMetadata().getCreationTimestamp());
  }

  static Instant time(String text) {
    return Times.parse(text);
  }

  static String ownerKind(HasMetadata object) {
    return owner(object).map(OwnerReference::getKind).orElse(null);
  }

  static String ownerName(HasMetadata object) {
    return owner(object).map(OwnerReference::getName).orElse(null);
  }

  static String label(HasMetadata object, String key) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }

  /** The controller owner, else the first owner. */
  private static Optional<OwnerReference> owner(HasMetadata object) {
    List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
    if (owners == null || owners.isEmpty()) {
      return Optional.empty();
    }
    return owners.stream()
        .filter(o -> Boolean.TRUE.equals(o.getController()))
        .findFirst()
        .or(() -> Optional.of(owners.get(0)));
  }

  /** managedFields entries that wrote the object itself, not its status. */
  private static List<ManagedFieldsEntry> writers(HasMetadata object) {
    List<ManagedFieldsEntry> entries = object.getMetadata().getManagedFields();
    if (entries == null) {
      return List.of();
    }
    List<ManagedFieldsEntry> main =
        entries.stream()
            .filter(e -> e.getManager() != null)
            .filter(e -> !"status".equals(e.getSubresource()))
            .toList();
    return main.isEmpty() ? entries.stream().filter(e -> e.getManager() != null).toList() : main;
  }

  private static Instant entryTime(ManagedFieldsEntry entry) {
    Instant time = Times.parse(entry.getTime());
    return time == null ? Instant.MIN : time;
  }

  private static boolean mentions(Map<String, Object> fields, String field) {
    if (fields == null) {
      return false;
    }
    for (Map.Entry<String, Object> entry : fields.entrySet()) {
      if (entry.getKey().equals(field)) {
        return true;
      }
      if (entry.getValue() instanceof Map<?, ?> nested) {
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) nested;
        if (mentions(typed, field)) {
          return true;
        }
      }
    }
    return false;
  }
}
