package io.clustertour.operator.observe;

import io.clustertour.operator.api.ClusterTour;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * Builds the controller's JOSDK event sources, one per kind (constant in the number of tours),
 * records what they deliver for tracked namespaces and answers the reconciler's reads from their
 * caches.
 */
public final class ClusterWatcher {
  /** How long JOSDK waits for the event sources' initial lists at start. */
  public static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);

  static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
  static final String DEFAULT_SERVICE_ACCOUNT = "default";
  static final String ROOT_CA_CONFIG_MAP = "kube-root-ca.crt";

  private final ObservationRecorder recorder = new ObservationRecorder();
  // wakes the tour whose namespace the evidence receivers just recorded something about
  private final SimpleInboundEventSource<ClusterTour> evidenceWakeups =
      new SimpleInboundEventSource<>("clustertour-evidence");
  private volatile Interactions interactions;
  // tracked namespace -> the tour that tracks it: a notification is mapped to its tour through
  // this, never through the namespace's label in the Namespace cache, which may not have the
  // namespace yet when another kind's notification arrives (a lost wake-up seen in make bench)
  private final Map<String, String> trackedBy = new ConcurrentHashMap<>();
  // copy-on-write: reconciler and web threads iterate while JOSDK starts the sources
  private final List<RecordingEventSource<? extends HasMetadata>> sources =
      new CopyOnWriteArrayList<>();
  // the object kinds that live in a namespace (not Namespace itself, not Event)
  private final List<RecordingEventSource<? extends HasMetadata>> namespaced =
      new CopyOnWriteArrayList<>();

  private volatile RecordingEventSource<Namespace> namespaces;
  private volatile RecordingEventSource<Pod> pods;
  private volatile RecordingEventSource<ReplicaSet> replicaSets;
  private volatile RecordingEventSource<Deployment> deployments;
  private volatile RecordingEventSource<Job> jobs;
  private volatile RecordingEventSource<Service> services;
  private volatile RecordingEventSource<EndpointSlice> endpointSlices;
  private volatile RecordingEventSource<ServiceAccount> serviceAccounts;
  private volatile RecordingEventSource<ConfigMap> configMaps;
  private volatile RecordingEventSource<Event> events;

  /**
   * The event sources to register with the controller (JOSDK starts them, and waits for their
   * initial lists, before the first reconcile): the tour-labelled kinds, each namespace's default
   * ServiceAccount and root CA ConfigMap by name, and every Event. Each notification is recorded
   * before JOSDK maps it to the tour that tracks its namespace. Built once.
   */
  public synchronized List<EventSource<?, ClusterTour>> eventSources(
      EventSourceContext<ClusterTour> context) {
    if (!sources.isEmpty()) {
      throw new IllegalStateException("the event sources are built once");
    }
    namespaces = labelled(Namespace.class, "namespaces", context);
    pods = labelled(Pod.class, "pods", context);
    replicaSets = labelled(ReplicaSet.class, "replicasets", context);
    deployments = labelled(Deployment.class, "deployments", context);
    jobs = labelled(Job.class, "jobs", context);
    services = labelled(Service.class, "services", context);
    endpointSlices = labelled(EndpointSlice.class, "endpointslices", context);
    serviceAccounts =
        named(ServiceAccount.class, "serviceaccounts", DEFAULT_SERVICE_ACCOUNT, context);
    configMaps = named(ConfigMap.class, "configmaps", ROOT_CA_CONFIG_MAP, context);
    events =
        add(configuration(Event.class, "events"), recorder.eventNotifications(), context, false);
    List<EventSource<?, ClusterTour>> all = new ArrayList<>(sources);
    all.add(evidenceWakeups);
    return List.copyOf(all);
  }

  /** The tours to reconcile for a notification: the one tracking its namespace, if any. */
  Set<ResourceID> toursOf(HasMetadata object) {
    return trackedBy(ObservationRecorder.namespaceOf(object))
        .map(tour -> Set.of(new ResourceID(tour)))
        .orElse(Set.of());
  }

  /**
   * Starts recording {@code namespace} for {@code tour}. Call it before creating the namespace;
   * anything the caches already hold for it (operator restart) is recorded as recovered, with the
   * objects' own times. The first tour to track a namespace keeps it until it is untracked.
   */
  public void track(String namespace, String tour) {
    // before the recorder tracks it: its first notification must find the tour
    trackedBy.putIfAbsent(namespace, Objects.requireNonNull(tour));
    if (!recorder.track(namespace)) {
      return;
    }
    List<HasMetadata> cached = new ArrayList<>();
    namespace(namespace).ifPresent(cached::add);
    for (RecordingEventSource<? extends HasMetadata> source : namespaced) {
      cached.addAll(inNamespace(source, namespace));
    }
    List<Event> cachedEvents = inNamespace(events, namespace);
    if (!cached.isEmpty() || !cachedEvents.isEmpty()) {
      recorder.replay(namespace, cached, cachedEvents);
    }
  }

  /** Stops recording {@code namespace} and forgets its observations. */
  public void untrack(String namespace) {
    recorder.untrack(namespace);
    trackedBy.remove(namespace);
  }

  /** The tour that tracks {@code namespace}, if one does. */
  public Optional<String> trackedBy(String namespace) {
    return namespace == null ? Optional.empty() : Optional.ofNullable(trackedBy.get(namespace));
  }

  public boolean isTracked(String namespace) {
    return recorder.isTracked(namespace);
  }

  /**
   * True when the recorder has recorded every cache state the caller read for {@code namespace}:
   * each object of {@code seen} (read from these caches) at its resourceVersion, and every deletion
   * (no object it holds has left the caches). The caches run ahead of the record: an informer
   * stores an object before its handlers run. A judgement made from such a read is then backed by
   * {@link #observations}. Untracked namespaces are not recorded: nothing to wait for, true.
   */
  public boolean hasRecorded(String namespace, Collection<? extends HasMetadata> seen) {
    Map<String, String> versions = recorder.processedVersions(namespace);
    if (versions == null) {
      return true;
    }
    for (HasMetadata object : seen) {
      String uid = object == null ? null : object.getMetadata().getUid();
      if (uid != null
          && !Objects.equals(versions.get(uid), object.getMetadata().getResourceVersion())) {
        return false;
      }
    }
    Set<String> cached = new HashSet<>();
    namespace(namespace).ifPresent(n -> cached.add(n.getMetadata().getUid()));
    for (RecordingEventSource<? extends HasMetadata> source : namespaced) {
      inNamespace(source, namespace).forEach(o -> cached.add(o.getMetadata().getUid()));
    }
    return cached.containsAll(versions.keySet());
  }

  /** Observations of a tracked namespace, ordered by seq. */
  public List<Observation> observations(String namespace) {
    return recorder.observations(namespace);
  }

  /** How often events of the namespace were repeated (count grew) after first seen. */
  public long repeatedEvents(String namespace) {
    return recorder.repeatedEvents(namespace);
  }

  /** Observations of the namespace dropped because of the per-namespace limit. */
  public long droppedObservations(String namespace) {
    return recorder.dropped(namespace);
  }

  /** Observations dropped by the per-namespace limit since start, all namespaces, for metrics. */
  public long droppedObservationsTotal() {
    return recorder.droppedTotal();
  }

  public Optional<Deployment> deployment(String namespace, String name) {
    return byId(deployments, new ResourceID(name, namespace));
  }

  public List<Pod> pods(String namespace) {
    return inNamespace(pods, namespace);
  }

  public List<ReplicaSet> replicaSets(String namespace) {
    return inNamespace(replicaSets, namespace);
  }

  public Optional<Job> job(String namespace, String name) {
    return byId(jobs, new ResourceID(name, namespace));
  }

  /** EndpointSlices of one Service (matched by the kubernetes.io/service-name label). */
  public List<EndpointSlice> endpointSlices(String namespace, String serviceName) {
    return inNamespace(endpointSlices, namespace).stream()
        .filter(slice -> serviceName.equals(Meta.label(slice, SERVICE_NAME_LABEL)))
        .toList();
  }

  public Optional<Namespace> namespace(String name) {
    return byId(namespaces, new ResourceID(name));
  }

  public Optional<ServiceAccount> defaultServiceAccount(String namespace) {
    return byId(serviceAccounts, new ResourceID(DEFAULT_SERVICE_ACCOUNT, namespace));
  }

  public Optional<ConfigMap> rootCaConfigMap(String namespace) {
    return byId(configMaps, new ResourceID(ROOT_CA_CONFIG_MAP, namespace));
  }

  /** True when every event source has started and its informer has an open watch (/readyz). */
  public boolean isWatching() {
    List<RecordingEventSource<? extends HasMetadata>> all = List.copyOf(sources);
    return !all.isEmpty()
        && all.stream()
            .allMatch(
                s ->
                    s.isRunning()
                        && s.informerHealthIndicators().values().stream()
                            .allMatch(i -> i.isRunning() && i.isWatching()));
  }

  /** Observations recorded (new or repeated) per component since start, for metrics. */
  public Map<String, Long> eventsByComponent() {
    return recorder.eventsByComponent();
  }

  /** Notifications that could not be recorded (logged), for metrics. */
  public long handlerErrors() {
    return recorder.handlerErrors();
  }

  /**
   * Called with the observation lag in seconds (watch receive time minus eventTime) of each new
   * live event that has a microsecond eventTime.
   */
  public void setLagListener(DoubleConsumer seconds) {
    recorder.setLagListener(seconds);
  }

  /**
   * Records a write the operator just made from the API server's answer, ahead of its watch
   * notification: {@code after} is the answered object, {@code sentAt} when the request left.
   */
  public void recordRequest(
      HasMetadata before, HasMetadata after, Instant sentAt, Instant answeredAt) {
    if (after != null) {
      Interactions evidence = interactions;
      if (before == null && evidence != null) {
        evidence.ownCreate(
            after.getKind(), ObservationRecorder.namespaceOf(after), after.getMetadata().getName());
      }
      recorder.requested(before, after, sentAt, answeredAt);
    }
  }

  /** Records the operator's delete request for a pod, from the API server's answer. */
  public void recordDeleteRequest(
      HasMetadata answered, String requester, Instant sentAt, Instant answeredAt) {
    if (answered != null) {
      recorder.deleteRequested(answered, requester, sentAt, answeredAt);
    }
  }

  /**
   * Where the evidence receivers hand audit records and spans: recorded for tracked namespaces.
   *
   * @param ownUserAgent the user agent of the operator's own client, whose writes are recorded from
   *     their answers instead
   */
  public Interactions evidence(String ownUserAgent) {
    interactions =
        new Interactions(
            recorder::isTracked,
            this::recordInteraction,
            this::uidOf,
            ownUserAgent,
            java.time.Clock.systemUTC());
    return interactions;
  }

  /**
   * Object notifications that, once recorded, let waiting direct evidence merge with the watch's
   * record of its write (see {@link Interactions#objectsChanged}).
   */
  private <T extends HasMetadata> Notifications<T> afterObjects(Notifications<T> recording) {
    return new Notifications<>() {
      @Override
      public boolean added(T object) {
        return settle(recording.added(object));
      }

      @Override
      public boolean updated(T old, T now) {
        return settle(recording.updated(old, now));
      }

      @Override
      public boolean deleted(T object) {
        return settle(recording.deleted(object));
      }
    };
  }

  private boolean settle(boolean wake) {
    Interactions waiting = interactions;
    if (waiting != null) {
      waiting.objectsChanged();
    }
    return wake;
  }

  private void recordInteraction(Observation observation) {
    if (recorder.interaction(observation) && evidenceWakeups.isRunning()) {
      trackedBy(observation.namespace())
          .ifPresent(tour -> evidenceWakeups.propagateEvent(new ResourceID(tour)));
    }
  }

  private String uidOf(String kind, String namespace, String name) {
    ResourceID id =
        "Namespace".equals(kind) ? new ResourceID(name) : new ResourceID(name, namespace);
    Optional<? extends HasMetadata> found =
        switch (kind) {
          case "Pod" -> byId(pods, id);
          case "Deployment" -> byId(deployments, id);
          case "ReplicaSet" -> byId(replicaSets, id);
          case "Job" -> byId(jobs, id);
          case "Service" -> byId(services, id);
          case "ServiceAccount" -> byId(serviceAccounts, id);
          case "ConfigMap" -> byId(configMaps, id);
          case "Namespace" -> byId(namespaces, id);
          default -> Optional.empty();
        };
    return found.map(o -> o.getMetadata().getUid()).orElse(null);
  }

  /** Called with the component of every observation recorded (new or repeated), for metrics. */
  public void setComponentListener(Consumer<String> component) {
    recorder.setComponentListener(component);
  }

  private <T extends HasMetadata> RecordingEventSource<T> labelled(
      Class<T> kind, String name, EventSourceContext<ClusterTour> context) {
    return add(
        configuration(kind, name).withLabelSelector(ClusterTour.TOUR_LABEL),
        afterObjects(recorder.objectNotifications()),
        context,
        kind != Namespace.class);
  }

  private <T extends HasMetadata> RecordingEventSource<T> named(
      Class<T> kind, String name, String objectName, EventSourceContext<ClusterTour> context) {
    return add(
        configuration(kind, name)
            .withFieldSelector(
                new FieldSelector(new FieldSelector.Field("metadata.name", objectName))),
        afterObjects(recorder.objectNotifications()),
        context,
        true);
  }

  private <T extends HasMetadata> InformerEventSourceConfiguration.Builder<T> configuration(
      Class<T> kind, String name) {
    // no primary-to-secondary index: every read goes by namespace, and an index kept from the
    // mapping at notification time would go stale when tracking changes
    PrimaryToSecondaryMapper<ClusterTour> noIndex = tour -> Set.of();
    return InformerEventSourceConfiguration.from(kind, ClusterTour.class)
        .withName(name)
        .withWatchAllNamespaces()
        .withSecondaryToPrimaryMapper(this::toursOf)
        .withPrimaryToSecondaryMapper(noIndex);
  }

  private <T extends HasMetadata> RecordingEventSource<T> add(
      InformerEventSourceConfiguration.Builder<T> configuration,
      Notifications<T> notifications,
      EventSourceContext<ClusterTour> context,
      boolean namespacedObject) {
    RecordingEventSource<T> source =
        new RecordingEventSource<>(configuration.build(), context, notifications);
    sources.add(source);
    if (namespacedObject) {
      namespaced.add(source);
    }
    return source;
  }

  private static <T extends HasMetadata> List<T> inNamespace(
      RecordingEventSource<T> source, String namespace) {
    if (source == null || namespace == null || !source.isRunning()) {
      return List.of();
    }
    return source.byIndex(Cache.NAMESPACE_INDEX, namespace);
  }

  private static <T extends HasMetadata> Optional<T> byId(
      RecordingEventSource<T> source, ResourceID id) {
    return source == null || !source.isRunning() ? Optional.empty() : source.get(id);
  }
}
