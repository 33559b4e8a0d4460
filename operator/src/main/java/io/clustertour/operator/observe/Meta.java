package io.clustertour.operator.observe;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads who made an object and when, from its metadata (managedFields, owners, timestamps). */
final class Meta {
  /** Component name used when an object carries no managedFields to name its writer. */
  static final String UNKNOWN_CLIENT = "client";

  /** k3s runs the control plane and the kubelet inside its own process, so they write as k3s. */
  static final String K3S = "k3s";

  private Meta() {}

  /**
   * A binary whose field-manager name stands for the components inside it: every controller of
   * kube-controller-manager writes as {@code kube-controller-manager}, since the API server takes
   * the manager name from the client's user agent up to its first '/'.
   */
  enum Host {
    CONTROLLER_MANAGER("kube-controller-manager"),
    SCHEDULER("kube-scheduler"),
    KUBELET("kubelet");

    private final String manager;

    Host(String manager) {
      this.manager = manager;
    }

    boolean runs(String fieldManager) {
      return manager.equals(fieldManager) || K3S.equals(fieldManager);
    }
  }

  /**
   * Who made a change, as a verdict may use it.
   *
   * @param component the component known to make this change when the field manager is the binary
   *     it runs in (or when no manager is recorded), else the field manager itself
   * @param manager the managedFields manager, the evidence; {@code null} when none is recorded
   * @param note for messages: the evidence, and the inference kept apart from it
   */
  record Attribution(String component, String manager, String note) {}

  /**
   * Attributes a change whose writer managedFields name as {@code manager} to {@code component}
   * when that manager is the binary {@code host} that runs it; any other manager is reported as
   * itself, so a change made by someone else does not pass for the component.
   */
  static Attribution attribute(Optional<String> manager, Host host, String component) {
    if (manager.isEmpty()) {
      return new Attribution(
          component, null, "no field manager recorded for it; inferred: " + component);
    }
    String name = manager.get();
    if (!host.runs(name)) {
      return new Attribution(name, name, "field manager " + name);
    }
    return new Attribution(
        component,
        name,
        name.equals(component)
            ? "field manager " + name
            : "field manager " + name + ", in which " + component + " does this (inferred)");
  }

  /** The field manager that created the object, else {@link #UNKNOWN_CLIENT}. */
  static String creator(HasMetadata object) {
    return creatorManager(object).orElse(UNKNOWN_CLIENT);
  }

  /**
   * The field manager of the write that created the object, if managedFields record one. An entry
   * carries the time of its manager's latest write to that (sub)resource, so the creator's entry is
   * dated to the creation; a controller that annotates the new object at once can share that
   * second, and then the creator, which wrote the whole object, owns the most fields. (The API
   * server sorts entries by operation, time and manager name, so their order says nothing.)
   */
  static Optional<String> creatorManager(HasMetadata object) {
    List<ManagedFieldsEntry> main =
        entries(object).stream().filter(e -> isBlank(e.getSubresource())).toList();
    if (main.isEmpty()) {
      return Optional.empty();
    }
    Instant created = created(object);
    Comparator<ManagedFieldsEntry> byFields = Comparator.comparingInt(Meta::fieldCount);
    List<ManagedFieldsEntry> atCreation =
        created == null
            ? List.of()
            : main.stream()
                .filter(e -> Duration.between(entryTime(e), created).abs().getSeconds() <= 1)
                .toList();
    if (!atCreation.isEmpty()) {
      return atCreation.stream().max(byFields).map(ManagedFieldsEntry::getManager);
    }
    // every writer has written again since: the earliest is the best remaining sign
    return main.stream()
        .min(Comparator.comparing(Meta::entryTime).thenComparing(byFields.reversed()))
        .map(ManagedFieldsEntry::getManager);
  }

  /**
   * The field manager that owns {@code path} (e.g. {@code f:status}, {@code f:conditions}, {@code
   * k:{"type":"Ready"}}), from any entry including status ones; the latest writer if several do.
   * Owning an atomic field ({@code f:conditions: {}}) owns everything below it.
   */
  static Optional<String> ownerOf(HasMetadata object, String... path) {
    return entries(object).stream()
        .filter(
            e ->
                e.getFieldsV1() != null && owns(e.getFieldsV1().getAdditionalProperties(), path, 0))
        .max(Comparator.comparing(Meta::entryTime))
        .map(ManagedFieldsEntry::getManager);
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
    List<ManagedFieldsEntry> entries = entries(object);
    List<ManagedFieldsEntry> main =
        entries.stream().filter(e -> !"status".equals(e.getSubresource())).toList();
    return main.isEmpty() ? entries : main;
  }

  /** managedFields entries that name their manager. */
  private static List<ManagedFieldsEntry> entries(HasMetadata object) {
    List<ManagedFieldsEntry> entries = object.getMetadata().getManagedFields();
    if (entries == null) {
      return List.of();
    }
    return entries.stream().filter(e -> !isBlank(e.getManager())).toList();
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  /** Leaf fields of an entry ({@code .} only marks that the parent exists). */
  private static int fieldCount(ManagedFieldsEntry entry) {
    return entry.getFieldsV1() == null ? 0 : leaves(entry.getFieldsV1().getAdditionalProperties());
  }

  private static int leaves(Map<?, ?> fields) {
    int count = 0;
    for (Map.Entry<?, ?> entry : fields.entrySet()) {
      if (entry.getValue() instanceof Map<?, ?> nested && !nested.isEmpty()) {
        count += leaves(nested);
      } else if (!".".equals(entry.getKey())) {
        count++;
      }
    }
    return count;
  }

  private static boolean owns(Map<?, ?> fields, String[] path, int depth) {
    if (fields == null || !(fields.get(path[depth]) instanceof Map<?, ?> next)) {
      return false;
    }
    return depth == path.length - 1 || next.isEmpty() || owns(next, path, depth + 1);
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
