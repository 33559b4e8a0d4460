package io.clustertour.operator.reconcile;

import io.clustertour.operator.api.ClusterTourSpec;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.Stop.StopType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the spec implies beyond each stop's own fields: which namespace a stop works in, which
 * earlier stop it depends on and how long it may take. Pure.
 */
public final class TourPlan {
  static final int DEFAULT_TIMEOUT_SECONDS = 120;

  private final List<Stop> stops;
  private final int defaultTimeoutSeconds;

  private TourPlan(List<Stop> stops, int defaultTimeoutSeconds) {
    this.stops = stops;
    this.defaultTimeoutSeconds = defaultTimeoutSeconds;
  }

  public static TourPlan of(ClusterTourSpec spec) {
    List<Stop> stops =
        spec == null || spec.stops == null ? List.of() : List.copyOf(new ArrayList<>(spec.stops));
    int timeout =
        spec == null || spec.timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : spec.timeoutSeconds;
    return new TourPlan(stops, timeout);
  }

  public List<Stop> stops() {
    return stops;
  }

  public Optional<Stop> stop(String name) {
    return stops.stream().filter(s -> s.name.equals(name)).findFirst();
  }

  /** The stop's own timeout, else the tour's. */
  public Duration timeout(Stop stop) {
    return Duration.ofSeconds(
        stop.timeoutSeconds != null ? stop.timeoutSeconds : defaultTimeoutSeconds);
  }

  /** Names of the namespaces the tour's Namespace stops create. */
  public List<String> namespaces() {
    return stops.stream()
        .filter(s -> s.type == StopType.Namespace && s.namespace != null)
        .map(s -> s.namespace.name)
        .distinct()
        .toList();
  }

  /** The namespace a stop works in; empty for Inventory (and for broken references). */
  public Optional<String> namespaceOf(Stop stop) {
    return StopKind.of(stop).namespace(stop, this);
  }

  /** Name of the Deployment, Job or Service the stop is about; empty for Inventory/Namespace. */
  public Optional<String> workloadOf(Stop stop) {
    return StopKind.of(stop).workload(stop);
  }

  /** The earlier Deployment stop that created a Scale/DeletePod/Service stop's target. */
  public Optional<Stop> targetStop(Stop stop) {
    if (stop.target == null) {
      return Optional.empty();
    }
    return earlier(stop).stream()
        .filter(
            s ->
                s.type == StopType.Deployment
                    && s.deployment != null
                    && stop.target.equals(s.deployment.name))
        .reduce((first, second) -> second);
  }

  /**
   * Why the spec order makes this stop impossible, if it does: CEL admission only checks that the
   * namespace and target exist somewhere in the tour (an ordered check costs too much), so order is
   * checked here. Empty when the stop's namespace (and target) come from earlier stops.
   */
  public Optional<Blocker> orderProblem(Stop stop) {
    StopKind kind = StopKind.of(stop);
    if (!kind.usesEarlierNamespace()) {
      return Optional.empty();
    }
    if (kind.usesTarget() && targetStop(stop).isEmpty()) {
      return Optional.of(
          new Blocker(
              "TargetNotCreatedEarlier",
              "no Deployment stop before this one creates Deployment " + stop.target));
    }
    Optional<String> ns = namespaceOf(stop);
    if (ns.isEmpty()) {
      return Optional.of(new Blocker("InvalidStop", "the stop names no namespace"));
    }
    if (namespaceStop(stop, ns.get()).isEmpty()) {
      return Optional.of(
          new Blocker(
              "NamespaceNotCreatedEarlier",
              "no Namespace stop before this one creates namespace "
                  + ns.get()
                  + "; a tour only works in namespaces it created"));
    }
    return Optional.empty();
  }

  /**
   * Earlier stops this one builds on: the Namespace stop of its namespace and, for
   * Scale/DeletePod/Service, the Deployment stop of its target.
   */
  public List<Stop> prerequisites(Stop stop) {
    List<Stop> needed = new ArrayList<>();
    if (StopKind.of(stop).usesEarlierNamespace()) {
      namespaceOf(stop).flatMap(ns -> namespaceStop(stop, ns)).ifPresent(needed::add);
    }
    targetStop(stop).ifPresent(needed::add);
    return needed;
  }

  /** Why a stop cannot run: a CamelCase reason and a sentence. */
  public record Blocker(String reason, String message) {}

  private Optional<Stop> namespaceStop(Stop stop, String ns) {
    return earlier(stop).stream()
        .filter(
            s -> s.type == StopType.Namespace && s.namespace != null && ns.equals(s.namespace.name))
        .findFirst();
  }

  private List<Stop> earlier(Stop stop) {
    int index = stops.indexOf(stop);
    return index < 0 ? List.of() : stops.subList(0, index);
  }
}
