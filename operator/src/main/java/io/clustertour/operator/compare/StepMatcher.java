package io.clustertour.operator.compare;

import io.clustertour.operator.api.TimelineEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A condition on one timeline entry: every field that is set must match (reason lists
 * alternatives). An {@code optional} matcher adds its entry to the evidence when there is one but
 * is not needed for the verdict (how far a broken flow got).
 */
public record StepMatcher(
    String source, String component, List<String> reason, String kind, Boolean optional) {

  /** The values {@code source} may take, as the observe package writes them. */
  public static final Set<String> SOURCES =
      Set.of("event", "watch", "request", "inventory", "audit", "trace");

  public StepMatcher {
    reason = reason == null ? List.of() : List.copyOf(reason);
  }

  public StepMatcher(String source, String component, List<String> reason, String kind) {
    this(source, component, reason, kind, null);
  }

  /** Whether the verdict can do without this matcher's entry. */
  public boolean isOptional() {
    return Boolean.TRUE.equals(optional);
  }

  /** Whether the entry satisfies every field of this matcher that is set. */
  public boolean matches(TimelineEntry entry) {
    if (source != null
        && !source.equalsIgnoreCase(entry.source)
        && (entry.via == null || entry.via.stream().noneMatch(source::equalsIgnoreCase))) {
      return false;
    }
    if (component != null && !ComponentNames.matches(component, entry.component)) {
      return false;
    }
    // Reasons are compared case-insensitively because learners type them by hand.
    if (!reason.isEmpty()
        && (entry.reason == null || reason.stream().noneMatch(entry.reason::equalsIgnoreCase))) {
      return false;
    }
    return kind == null || kind.equalsIgnoreCase(kindOf(entry.object));
  }

  boolean isEmpty() {
    return source == null && component == null && reason.isEmpty() && kind == null;
  }

  /** Short human description, e.g. "kubelet Pulling|Pulled on Pod (event)". */
  String describe() {
    List<String> parts = new ArrayList<>();
    if (component != null) {
      parts.add(component);
    }
    if (!reason.isEmpty()) {
      parts.add(String.join("|", reason));
    }
    if (kind != null) {
      parts.add("on " + kind);
    }
    if (source != null) {
      parts.add("(" + source + ")");
    }
    return String.join(" ", parts);
  }

  static String kindOf(String object) {
    if (object == null) {
      return null;
    }
    int slash = object.indexOf('/');
    return slash < 0 ? object : object.substring(0, slash);
  }
}
