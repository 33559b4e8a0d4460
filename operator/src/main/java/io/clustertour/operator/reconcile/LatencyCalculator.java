package io.clustertour.operator.reconcile;

import io.clustertour.operator.api.Latencies;
import io.clustertour.operator.api.LatencyPhase;
import io.clustertour.operator.api.PodLatencies;
import io.clustertour.operator.observe.Observation;
import io.clustertour.operator.observe.Times;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Pod start-up phases of a stop on the cluster's own clocks, next to the operator's watch view, for
 * each pod created in the stop, correlated by pod UID. Pure.
 */
final class LatencyCalculator {
  static final String CREATED = "PodCreated";
  static final String BOUND = "PodBound";
  static final String RUNNING = "ContainerRunning";
  static final String READY = "PodReady";
  static final String SCHEDULED_EVENT = "Scheduled";

  static final String CREATION = "creationTimestamp";
  static final String APISERVER_CREATE = "the API server's create (audit)";
  static final String SCHEDULED_EVENT_TIME = "Scheduled.eventTime";
  static final String POD_SCHEDULED = "PodScheduled.lastTransitionTime";
  static final String RUNNING_STARTED = "running.startedAt";
  static final String TERMINATED_STARTED = "terminated.startedAt";
  static final String LAST_TERMINATED_STARTED = "lastState.terminated.startedAt";
  static final String READY_CONDITION = "Ready.lastTransitionTime";

  private static final String DEFAULT_SCHEDULER = "default-scheduler";

  /** The slowest pod: longest create→ready on the cluster clock, then on the watch. */
  private static final Comparator<PodLatencies> SLOWNESS =
      Comparator.comparingLong((PodLatencies p) -> orMinus(p.createToReady.ms))
          .thenComparingLong(p -> orMinus(p.createToReady.watchMs));

  private LatencyCalculator() {}

  /** A cluster component's own time of one pod step and the field it was read from. */
  record Stamp(Instant at, String precision, String source) {}

  /**
   * @param window the stop's observations
   * @param pods the stop's workload pods as the informer caches hold them now
   * @return null when no pod of the workload was created in the stop
   */
  static Latencies of(List<Observation> window, List<Pod> pods) {
    Map<String, Pod> byUid = new HashMap<>();
    for (Pod pod : pods) {
      if (pod.getMetadata() != null && pod.getMetadata().getUid() != null) {
        byUid.put(pod.getMetadata().getUid(), pod);
      }
    }
    // The Pods watch is one stream delivered in etcd order, so seq orders the creations.
    Set<String> created = new LinkedHashSet<>();
    window.stream()
        .filter(o -> isPodStep(o, CREATED) && byUid.containsKey(o.uid()))
        .sorted(Comparator.comparingLong(Observation::seq))
        .forEach(o -> created.add(o.uid()));
    if (created.isEmpty()) {
      return null;
    }
    Map<String, List<Observation>> byPod = new HashMap<>();
    for (Observation o : window) {
      if (o.uid() != null && created.contains(o.uid()) && "Pod".equals(o.kind())) {
        byPod.computeIfAbsent(o.uid(), k -> new ArrayList<>()).add(o);
      }
    }
    List<PodLatencies> measured =
        created.stream().map(uid -> pod(byUid.get(uid), byPod.get(uid))).toList();
    Latencies l = new Latencies();
    l.pods = measured.size();
    l.first = measured.get(0);
    PodLatencies slowest =
        measured.stream().filter(p -> p.createToReady != null).max(SLOWNESS).orElse(null);
    l.slowest = slowest == l.first ? null : slowest;
    return l;
  }

  private static PodLatencies pod(Pod pod, List<Observation> seen) {
    List<Observation> obs = seen == null ? List.of() : seen;
    Instant createdAt = Times.parse(pod.getMetadata().getCreationTimestamp());
    Stamp created =
        earliest(
            createdAt == null ? null : new Stamp(createdAt, Observation.SECONDS, CREATION),
            ownTime(obs, CREATED, CREATION, APISERVER_CREATE));
    Stamp scheduled = scheduledEvent(pod, obs);
    if (scheduled == null) {
      scheduled =
          earliest(
              condition(pod, "PodScheduled", POD_SCHEDULED), ownTime(obs, BOUND, POD_SCHEDULED));
    }
    Stamp running = earliest(firstStart(pod, createdAt), ownTime(obs, RUNNING, RUNNING_STARTED));
    Stamp ready =
        earliest(condition(pod, "Ready", READY_CONDITION), ownTime(obs, READY, READY_CONDITION));
    PodLatencies p = new PodLatencies();
    p.pod = pod.getMetadata().getName();
    p.createToScheduled = phase(created, scheduled, received(obs, CREATED), received(obs, BOUND));
    p.scheduledToRunning = phase(scheduled, running, received(obs, BOUND), received(obs, RUNNING));
    p.createToReady = phase(created, ready, received(obs, CREATED), received(obs, READY));
    return p;
  }

  private static LatencyPhase phase(Stamp from, Stamp to, Instant watchFrom, Instant watchTo) {
    boolean cluster = from != null && to != null;
    boolean watch = watchFrom != null && watchTo != null;
    if (!cluster && !watch) {
      return null;
    }
    LatencyPhase p = new LatencyPhase();
    if (cluster) {
      p.precision = Precision.coarser(from.precision(), to.precision());
      p.ms = Precision.millisBetween(from.at(), to.at(), p.precision);
      p.from = from.source();
      p.to = to.source();
    }
    if (watch) {
      p.watchMs = Math.max(0, Duration.between(watchFrom, watchTo).toMillis());
    }
    return p;
  }

  /** The scheduler's own µs record of the assignment, by the pod's UID (never its name). */
  private static Stamp scheduledEvent(Pod pod, List<Observation> obs) {
    String scheduler = pod.getSpec() == null ? null : pod.getSpec().getSchedulerName();
    String component = scheduler == null || scheduler.isBlank() ? DEFAULT_SCHEDULER : scheduler;
    return obs.stream()
        .filter(o -> Observation.EVENT.equals(o.source()))
        .filter(o -> SCHEDULED_EVENT.equals(o.reason()) && component.equals(o.component()))
        .filter(o -> Observation.MICROS.equals(o.precision()) && o.time() != null)
        .min(Comparator.comparing(Observation::time))
        .map(o -> new Stamp(o.time(), Observation.MICROS, SCHEDULED_EVENT_TIME))
        .orElse(null);
  }

  /** A silent step's own object time: present once the recorder stores it, and after replays. */
  private static Stamp ownTime(List<Observation> obs, String reason, String source) {
    return ownTime(obs, reason, source, source);
  }

  /**
   * As above; a µs time comes from the direct evidence merged into the step (the API server's audit
   * or trace of the write), never from the object's fields, and is named {@code microsSource}.
   */
  private static Stamp ownTime(
      List<Observation> obs, String reason, String source, String microsSource) {
    return obs.stream()
        .filter(o -> isPodStep(o, reason) && o.time() != null)
        .filter(o -> Precision.isOwnTime(o.precision()))
        .min(Comparator.comparing(Observation::time))
        .map(
            o ->
                new Stamp(
                    o.time(),
                    o.precision(),
                    Observation.MICROS.equals(o.precision()) ? microsSource : source))
        .orElse(null);
  }

  /** Watch-receive time of a live step; a replayed one was received at the replay, not then. */
  private static Instant received(List<Observation> obs, String reason) {
    return obs.stream()
        .filter(o -> isPodStep(o, reason) && !o.recovered() && o.receivedAt() != null)
        .min(Comparator.comparingLong(Observation::seq))
        .map(Observation::receivedAt)
        .orElse(null);
  }

  private static Stamp condition(Pod pod, String type, String source) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return null;
    }
    for (PodCondition c : pod.getStatus().getConditions()) {
      if (type.equals(c.getType()) && "True".equals(c.getStatus())) {
        Instant at = Times.parse(c.getLastTransitionTime());
        return at == null ? null : new Stamp(at, Observation.SECONDS, source);
      }
    }
    return null;
  }

  /**
   * The first container start the pod still shows, restarts and finished containers included. Times
   * before the pod existed are skipped: a container that failed to start reports 1970.
   */
  private static Stamp firstStart(Pod pod, Instant createdAt) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return null;
    }
    Instant floor = createdAt == null ? Instant.EPOCH.plusSeconds(1) : createdAt;
    Stamp first = null;
    for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
      for (Stamp s : Arrays.asList(started(c.getState(), false), started(c.getLastState(), true))) {
        if (s != null && !s.at().isBefore(floor.truncatedTo(ChronoUnit.SECONDS))) {
          first = earliest(first, s);
        }
      }
    }
    return first;
  }

  private static Stamp started(ContainerState state, boolean last) {
    if (state == null) {
      return null;
    }
    if (!last && state.getRunning() != null) {
      return stamp(state.getRunning().getStartedAt(), RUNNING_STARTED);
    }
    if (state.getTerminated() != null) {
      return stamp(
          state.getTerminated().getStartedAt(),
          last ? LAST_TERMINATED_STARTED : TERMINATED_STARTED);
    }
    return null;
  }

  private static Stamp stamp(String text, String source) {
    Instant at = Times.parse(text);
    return at == null ? null : new Stamp(at, Observation.SECONDS, source);
  }

  /**
   * The earlier of two records of a step (on a tie the first, the pod object's); but a record in
   * seconds and a finer one inside that very second are one moment told twice, and the finer one
   * tells it better (a truncated creationTimestamp is never earlier than the API server's µs time
   * of the same create).
   */
  private static Stamp earliest(Stamp a, Stamp b) {
    if (a != null && b != null && !a.precision().equals(b.precision())) {
      Stamp coarse = Observation.SECONDS.equals(a.precision()) ? a : b;
      Stamp fine = coarse == a ? b : a;
      if (Observation.SECONDS.equals(coarse.precision())
          && Observation.MICROS.equals(fine.precision())
          && fine.at().truncatedTo(ChronoUnit.SECONDS).equals(coarse.at())) {
        return fine;
      }
    }
    return Stream.of(a, b)
        .filter(Objects::nonNull)
        .min(Comparator.comparing(Stamp::at))
        .orElse(null);
  }

  private static boolean isPodStep(Observation o, String reason) {
    return Observation.WATCH.equals(o.source())
        && "Pod".equals(o.kind())
        && reason.equals(o.reason());
  }

  private static long orMinus(Long value) {
    return value == null ? -1 : value;
  }
}
