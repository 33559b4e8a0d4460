package io.clustertour.operator.reconcile;

import io.clustertour.operator.api.Latencies;
import io.clustertour.operator.observe.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Pod start-up phases of a stop (create→scheduled, scheduled→running, create→ready) from the
 * watcher's silent steps of the first pod created in the stop. Pure.
 */
final class LatencyCalculator {
  static final String CREATED = "PodCreated";
  static final String BOUND = "PodBound";
  static final String RUNNING = "ContainerRunning";
  static final String READY = "PodReady";

  private LatencyCalculator() {}

  /**
   * @param window the stop's observations
   * @param pods names of the stop's workload pods
   * @return null when no pod of the workload was created in the stop
   */
  static Latencies of(List<Observation> window, Set<String> pods) {
    Optional<Observation> created =
        window.stream()
            .filter(o -> isPodStep(o, CREATED) && pods.contains(o.name()))
            .min(Comparator.comparingLong(Observation::seq));
    if (created.isEmpty()) {
      return null;
    }
    String pod = created.get().name();
    Observation bound = step(window, pod, BOUND);
    Observation running = step(window, pod, RUNNING);
    Observation ready = step(window, pod, READY);
    // Watch-receive times are milliseconds; after a restart the replayed steps only carry the
    // objects' own second-precision times, and mixing the two would invent precision.
    boolean live =
        java.util.stream.Stream.of(created.get(), bound, running, ready)
            .filter(o -> o != null)
            .noneMatch(Observation::recovered);
    Latencies l = new Latencies();
    l.createToScheduledMs = between(created.get(), bound, live);
    l.scheduledToRunningMs = between(bound, running, live);
    l.createToReadyMs = between(created.get(), ready, live);
    l.precision = live ? Observation.MILLIS : Observation.SECONDS;
    return l;
  }

  private static boolean isPodStep(Observation o, String reason) {
    return Observation.WATCH.equals(o.source())
        && "Pod".equals(o.kind())
        && reason.equals(o.reason());
  }

  private static Observation step(List<Observation> window, String pod, String reason) {
    return window.stream()
        .filter(o -> isPodStep(o, reason) && pod.equals(o.name()))
        .findFirst()
        .orElse(null);
  }

  private static Long between(Observation from, Observation to, boolean live) {
    if (from == null || to == null) {
      return null;
    }
    Instant a = live ? from.receivedAt() : from.time();
    Instant b = live ? to.receivedAt() : to.time();
    if (a == null || b == null) {
      return null;
    }
    return Math.max(0, Duration.between(a, b).toMillis());
  }
}
