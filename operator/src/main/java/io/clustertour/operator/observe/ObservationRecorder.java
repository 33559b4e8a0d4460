package io.clustertour.operator.observe;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Informer-side half of the watcher: turns notifications for tracked namespaces into observations,
 * keeps them per namespace and says which ones should wake a tour. Handlers never throw.
 */
final class ObservationRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(ObservationRecorder.class);

  /** Reason of the operator's delete request for a pod. */
  public static final String DELETION_REQUESTED = "PodDeletionRequested";

  private static final List<String> CAUSAL_KINDS =
      List.of(
          "Namespace",
          "ServiceAccount",
          "ConfigMap",
          "Deployment",
          "Job",
          "Service",
          "ReplicaSet",
          "Pod",
          "EndpointSlice");

  private final Map<String, NamespaceLog> logs = new ConcurrentHashMap<>();
  // per tracked namespace, object UID -> resourceVersion of the last notification fully recorded:
  // lets the reconciler tell whether what it read from the informer caches is on the record yet
  private final Map<String, Map<String, String>> processed = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> byComponent = new ConcurrentHashMap<>();
  private final AtomicLong handlerErrors = new AtomicLong();
  private final LongAdder droppedTotal = new LongAdder();
  private volatile DoubleConsumer lagListener = seconds -> {};
  private volatile Consumer<String> componentListener = component -> {};

  /** Starts recording {@code namespace}; false when it already was. */
  boolean track(String namespace) {
    processed.putIfAbsent(namespace, new ConcurrentHashMap<>());
    return logs.putIfAbsent(namespace, new NamespaceLog(NamespaceLog.LIMIT, droppedTotal)) == null;
  }

  void untrack(String namespace) {
    logs.remove(namespace);
    processed.remove(namespace);
  }

  /**
   * UID → resourceVersion of every object of a tracked namespace whose latest notification has been
   * recorded (deleted objects removed); null when the namespace is not tracked.
   */
  Map<String, String> processedVersions(String namespace) {
    Map<String, String> versions = namespace == null ? null : processed.get(namespace);
    return versions == null ? null : Map.copyOf(versions);
  }

  boolean isTracked(String namespace) {
    return namespace != null && logs.containsKey(namespace);
  }

  void setLagListener(DoubleConsumer listener) {
    lagListener = listener == null ? seconds -> {} : listener;
  }

  void setComponentListener(Consumer<String> listener) {
    componentListener = listener == null ? component -> {} : listener;
  }

  /**
   * An Event was added or updated on the watch (or replayed when {@code recovered}); true when it
   * added or repeated an observation of a tracked namespace.
   */
  boolean event(Event event, boolean recovered) {
    String namespace = event.getMetadata().getNamespace();
    if (!isTracked(namespace)) {
      return false;
    }
    Instant now = Instant.now();
    Observation candidate = EventObservations.of(event, now, recovered);
    NamespaceLog.Outcome outcome = record(namespace, candidate, now);
    if (outcome == NamespaceLog.Outcome.ADDED
        && !recovered
        && Observation.MICROS.equals(candidate.precision())) {
      reportLag(Duration.between(candidate.time(), now));
    }
    return outcome != NamespaceLog.Outcome.IGNORED;
  }

  /**
   * The operator itself wrote {@code after} (from {@code before}, null for a creation) and the API
   * server just answered. Recorded from the answer, not from its later watch notification (often
   * hundreds of ms later, after the controllers already reacted): the answer's resourceVersion is
   * the write's etcd revision, and its time is when the request was sent. The watch notification
   * has the same key and is ignored.
   */
  void requested(HasMetadata before, HasMetadata after, Instant sentAt, Instant answeredAt) {
    String namespace = namespaceOf(after);
    if (!isTracked(namespace)) {
      return;
    }
    for (SilentSteps.Step step : SilentSteps.changed(before, after)) {
      record(namespace, requestObservation(after, step, sentAt, answeredAt), answeredAt);
    }
  }

  /**
   * The operator asked the API server to delete {@code answered} (the pod as the answer shows it,
   * with its deletionTimestamp set by that very write).
   */
  void deleteRequested(HasMetadata answered, String requester, Instant sentAt, Instant answeredAt) {
    String namespace = namespaceOf(answered);
    if (!isTracked(namespace)) {
      return;
    }
    SilentSteps.Step step =
        new SilentSteps.Step(
            DELETION_REQUESTED,
            requester,
            "delete requested; the API server set metadata.deletionTimestamp",
            null);
    record(namespace, requestObservation(answered, step, sentAt, answeredAt), answeredAt);
  }

  /**
   * A request or span from the evidence receivers ({@link Interactions}), already built; true when
   * it added to or merged into the record (the tour should look).
   */
  boolean interaction(Observation candidate) {
    String namespace = candidate.namespace();
    return isTracked(namespace)
        && record(namespace, candidate, candidate.receivedAt()) != NamespaceLog.Outcome.IGNORED;
  }

  /** An object was added ({@code old == null}) or updated on a watch. */
  void changed(HasMetadata old, HasMetadata now) {
    String namespace = namespaceOf(now);
    if (!isTracked(namespace)) {
      return;
    }
    Instant receivedAt = Instant.now();
    for (SilentSteps.Step step : SilentSteps.changed(old, now)) {
      record(namespace, watchObservation(now, step, receivedAt, false, true), receivedAt);
    }
  }

  /** An object was deleted on a watch. */
  void removed(HasMetadata gone) {
    String namespace = namespaceOf(gone);
    if (!isTracked(namespace)) {
      return;
    }
    Instant receivedAt = Instant.now();
    for (SilentSteps.Step step : SilentSteps.deleted(gone)) {
      // the deletionTimestamp is when the grace period ends, not when the pod went: no own time
      record(namespace, watchObservation(gone, step, receivedAt, false, false), receivedAt);
    }
  }

  /**
   * Records what the informer caches already held for a namespace that just became tracked, in the
   * order of the objects' own times, so seq follows what happened rather than cache order.
   */
  void replay(String namespace, List<HasMetadata> objects, List<Event> events) {
    Instant now = Instant.now();
    List<Observation> candidates = new ArrayList<>();
    for (HasMetadata object : objects) {
      for (SilentSteps.Step step : SilentSteps.changed(null, object)) {
        candidates.add(watchObservation(object, step, now, true, true));
      }
    }
    for (Event event : events) {
      candidates.add(EventObservations.of(event, now, true));
    }
    Map<String, String> versions = processed.get(namespace);
    if (versions != null) {
      // a live notification processed meanwhile is at least as new as the cache read
      objects.forEach(o -> remember(versions, o, false, true));
    }
    candidates.sort(
        Comparator.comparing(
                Observation::time, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparingInt(ObservationRecorder::causalRank));
    for (Observation candidate : candidates) {
      record(namespace, candidate, now);
    }
  }

  /**
   * Second-precision times tie often; within one second, owners come before what they own and
   * object changes before the Events announcing them.
   */
  static int causalRank(Observation o) {
    if (Observation.EVENT.equals(o.source())) {
      return CAUSAL_KINDS.size();
    }
    int rank = CAUSAL_KINDS.indexOf(o.kind());
    return rank < 0 ? CAUSAL_KINDS.size() - 1 : rank;
  }

  List<Observation> observations(String namespace) {
    NamespaceLog log = logs.get(namespace);
    return log == null ? List.of() : log.snapshot();
  }

  long repeatedEvents(String namespace) {
    return Optional.ofNullable(logs.get(namespace)).map(NamespaceLog::repeatedEvents).orElse(0L);
  }

  long dropped(String namespace) {
    return Optional.ofNullable(logs.get(namespace)).map(NamespaceLog::dropped).orElse(0L);
  }

  Map<String, Long> eventsByComponent() {
    Map<String, Long> snapshot = new TreeMap<>();
    byComponent.forEach((component, count) -> snapshot.put(component, count.sum()));
    return snapshot;
  }

  /**
   * Observations dropped by the per-namespace limit since start, over all namespaces ever tracked.
   */
  long droppedTotal() {
    return droppedTotal.sum();
  }

  long handlerErrors() {
    return handlerErrors.get();
  }

  /**
   * Notifications of the object kinds: every change of a tracked namespace wakes its tour, not only
   * those that add an observation (see {@link #processed}).
   */
  <T extends HasMetadata> Notifications<T> objectNotifications() {
    return new Notifications<>() {
      @Override
      public boolean added(T object) {
        guard(() -> changed(null, object), object);
        return processed(object, false);
      }

      @Override
      public boolean updated(T old, T now) {
        guard(() -> changed(old, now), now);
        return processed(now, false);
      }

      @Override
      public boolean deleted(T object) {
        guard(() -> removed(object), object);
        return processed(object, true);
      }
    };
  }

  /**
   * Notifications of Events: those that added or repeated an observation wake the tour; deletions
   * (TTL expiry) change nothing that happened.
   */
  Notifications<Event> eventNotifications() {
    return new Notifications<>() {
      @Override
      public boolean added(Event event) {
        return guarded(() -> event(event, false), event);
      }

      @Override
      public boolean updated(Event old, Event now) {
        return guarded(() -> event(now, false), now);
      }

      @Override
      public boolean deleted(Event event) {
        return false;
      }
    };
  }

  private NamespaceLog.Outcome record(String namespace, Observation candidate, Instant at) {
    NamespaceLog log = logs.get(namespace);
    if (log == null) {
      return NamespaceLog.Outcome.IGNORED;
    }
    NamespaceLog.Outcome outcome = log.record(candidate, at);
    if (outcome != NamespaceLog.Outcome.IGNORED) {
      byComponent.computeIfAbsent(candidate.component(), c -> new LongAdder()).increment();
      try {
        componentListener.accept(candidate.component());
      } catch (RuntimeException e) {
        handlerErrors.incrementAndGet();
        LOG.warn("Component listener failed for namespace {}", namespace, e);
      }
    }
    return outcome;
  }

  /**
   * A notification about an object has been handled (recorded or not): remember its version; true
   * (wake the tour) when its namespace is tracked. Every change counts, not only those that add an
   * observation: the reconciler judges from the caches, so any cache change may end a stop, and a
   * stop read as ended waits for exactly this version to be remembered.
   */
  private boolean processed(HasMetadata object, boolean gone) {
    String namespace = namespaceOf(object);
    Map<String, String> versions = namespace == null ? null : processed.get(namespace);
    if (versions == null || !isTracked(namespace)) {
      return false;
    }
    remember(versions, object, gone, false);
    return true;
  }

  private static void remember(
      Map<String, String> versions, HasMetadata object, boolean gone, boolean ifAbsent) {
    String uid = object.getMetadata().getUid();
    String version = object.getMetadata().getResourceVersion();
    if (uid == null) {
      return;
    }
    if (gone) {
      versions.remove(uid);
    } else if (version != null) {
      if (ifAbsent) {
        versions.putIfAbsent(uid, version);
      } else {
        versions.put(uid, version);
      }
    }
  }

  private void reportLag(Duration lag) {
    try {
      lagListener.accept(lag.toNanos() / 1e9);
    } catch (RuntimeException e) {
      handlerErrors.incrementAndGet();
      LOG.warn("Lag listener failed", e);
    }
  }

  private void guard(Runnable handling, HasMetadata object) {
    guarded(
        () -> {
          handling.run();
          return false;
        },
        object);
  }

  private boolean guarded(BooleanSupplier handling, HasMetadata object) {
    try {
      return handling.getAsBoolean();
    } catch (RuntimeException e) {
      // an informer handler that throws would stop delivering to us: count and carry on
      handlerErrors.incrementAndGet();
      LOG.warn(
          "Could not record {} {}/{}",
          object == null ? null : object.getKind(),
          object == null ? null : object.getMetadata().getNamespace(),
          object == null ? null : object.getMetadata().getName(),
          e);
      return false;
    }
  }

  static Observation watchObservation(
      HasMetadata object,
      SilentSteps.Step step,
      Instant receivedAt,
      boolean recovered,
      boolean ownTime) {
    Instant time = null;
    if (ownTime) {
      time = step.objectTime();
      if (time == null && recovered) {
        // never the replay instant: fall back to the object's creation when the step has no time
        time = Meta.created(object);
      }
    }
    return observation(
        object, step, Observation.WATCH, receivedAt, time, Observation.SECONDS, recovered);
  }

  static Observation requestObservation(
      HasMetadata answered, SilentSteps.Step step, Instant sentAt, Instant answeredAt) {
    return observation(
        answered, step, Observation.REQUEST, answeredAt, sentAt, Observation.MILLIS, false);
  }

  private static Observation observation(
      HasMetadata object,
      SilentSteps.Step step,
      String source,
      Instant receivedAt,
      Instant time,
      String precision,
      boolean recovered) {
    String uid = object.getMetadata().getUid();
    String identity = uid != null ? uid : object.getKind() + "/" + object.getMetadata().getName();
    String key =
        "watch/"
            + identity
            + "/"
            + step.reason()
            + (step.keySuffix() == null ? "" : "/" + step.keySuffix());
    return new Observation(
        0,
        receivedAt,
        namespaceOf(object),
        source,
        step.reason(),
        step.component(),
        object.getKind(),
        object.getMetadata().getName(),
        uid,
        step.message(),
        time,
        precision,
        object.getMetadata().getResourceVersion(),
        1,
        false,
        recovered,
        key,
        0);
  }

  static String namespaceOf(HasMetadata object) {
    return object instanceof Namespace
        ? object.getMetadata().getName()
        : object.getMetadata().getNamespace();
  }
}
