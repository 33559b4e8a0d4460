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
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the cluster with one informer per kind (constant in the number of tours), records what
 * happens in tracked namespaces and answers the reconciler's reads from the informer caches.
 */
public final class ClusterWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterWatcher.class);

  /** How long {@link #start()} waits for the informers' initial lists. */
  public static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);

  static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
  static final String DEFAULT_SERVICE_ACCOUNT = "default";
  static final String ROOT_CA_CONFIG_MAP = "kube-root-ca.crt";

  private final KubernetesClient client;
  private final ObservationRecorder recorder;
  private volatile Interactions interactions;
  // tracked namespace -> the tour that tracks it: a notification is mapped to its tour through
  // this, never through the namespace's label in the Namespace cache, which may not have the
  // namespace yet when another kind's notification arrives (a lost wake-up seen in make bench)
  private final Map<String, String> trackedBy = new ConcurrentHashMap<>();
  // copy-on-write: reconciler and web threads iterate while start/close run
  private final List<SharedIndexInformer<? extends HasMetadata>> informers =
      new CopyOnWriteArrayList<>();
  private final List<SharedIndexInformer<? extends HasMetadata>> objectInformers =
      new CopyOnWriteArrayList<>();

  private volatile SharedIndexInformer<Namespace> namespaces;
  private volatile SharedIndexInformer<Pod> pods;
  private volatile SharedIndexInformer<ReplicaSet> replicaSets;
  private volatile SharedIndexInformer<Deployment> deployments;
  private volatile SharedIndexInformer<Job> jobs;
  private volatile SharedIndexInformer<Service> services;
  private volatile SharedIndexInformer<EndpointSlice> endpointSlices;
  private volatile SharedIndexInformer<ServiceAccount> serviceAccounts;
  private volatile SharedIndexInformer<ConfigMap> configMaps;
  private volatile SharedIndexInformer<Event> events;

  /**
   * @param onRecorded called with the namespace name whenever a notification about a tracked
   *     namespace has been recorded: any object change, and Events that added or repeated an
   *     observation (the operator's own writes and replays do not call it: the reconcile making
   *     them reads the record itself); runs on an informer thread, so it must be quick
   */
  public ClusterWatcher(KubernetesClient client, Consumer<String> onRecorded) {
    this.client = Objects.requireNonNull(client);
    Objects.requireNonNull(onRecorded);
    this.recorder =
        new ObservationRecorder(
            namespace -> {
              onRecorded.accept(namespace);
              // direct evidence that arrived before the watch showed its object can merge now
              Interactions waiting = interactions;
              if (waiting != null) {
                waiting.objectsChanged();
              }
            });
  }

  /** Starts the informers and waits up to {@link #SYNC_TIMEOUT} for their initial lists. */
  public void start() {
    start(SYNC_TIMEOUT);
  }

  /** Starts the informers and waits up to {@code timeout} for their initial lists. */
  public synchronized void start(Duration timeout) {
    if (!informers.isEmpty()) {
      return;
    }
    String tour = ClusterTour.TOUR_LABEL;
    namespaces = object(client.namespaces().withLabel(tour));
    pods = object(client.pods().inAnyNamespace().withLabel(tour));
    replicaSets = object(client.apps().replicaSets().inAnyNamespace().withLabel(tour));
    deployments = object(client.apps().deployments().inAnyNamespace().withLabel(tour));
    jobs = object(client.batch().v1().jobs().inAnyNamespace().withLabel(tour));
    services = object(client.services().inAnyNamespace().withLabel(tour));
    endpointSlices =
        object(client.discovery().v1().endpointSlices().inAnyNamespace().withLabel(tour));
    serviceAccounts =
        object(
            client
                .serviceAccounts()
                .inAnyNamespace()
                .withField("metadata.name", DEFAULT_SERVICE_ACCOUNT));
    configMaps =
        object(client.configMaps().inAnyNamespace().withField("metadata.name", ROOT_CA_CONFIG_MAP));
    events = client.v1().events().inAnyNamespace().runnableInformer(0);
    events.addEventHandler(recorder.eventHandler());
    informers.add(events);

    CompletableFuture<?>[] started =
        informers.stream()
            .map(informer -> informer.start().toCompletableFuture())
            .toArray(CompletableFuture[]::new);
    try {
      awaitSync(CompletableFuture.allOf(started), timeout);
    } catch (IllegalStateException e) {
      close(); // so that a later start() can try again from scratch
      throw e;
    }
    LOG.info("Watching {} kinds", informers.size());
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
    for (SharedIndexInformer<? extends HasMetadata> informer : objectInformers) {
      if (informer != namespaces) {
        cached.addAll(inNamespace(informer, namespace));
      }
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
   * (no object it holds has left the caches). A judgement made from such a read is then backed by
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
    for (SharedIndexInformer<? extends HasMetadata> informer : objectInformers) {
      if (informer != namespaces) {
        inNamespace(informer, namespace).forEach(o -> cached.add(o.getMetadata().getUid()));
      }
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
    return byKey(deployments, Cache.namespaceKeyFunc(namespace, name));
  }

  public List<Pod> pods(String namespace) {
    return inNamespace(pods, namespace);
  }

  public List<ReplicaSet> replicaSets(String namespace) {
    return inNamespace(replicaSets, namespace);
  }

  public Optional<Job> job(String namespace, String name) {
    return byKey(jobs, Cache.namespaceKeyFunc(namespace, name));
  }

  /** EndpointSlices of one Service (matched by the kubernetes.io/service-name label). */
  public List<EndpointSlice> endpointSlices(String namespace, String serviceName) {
    return inNamespace(endpointSlices, namespace).stream()
        .filter(slice -> serviceName.equals(Meta.label(slice, SERVICE_NAME_LABEL)))
        .toList();
  }

  public Optional<Namespace> namespace(String name) {
    return byKey(namespaces, name);
  }

  public Optional<ServiceAccount> defaultServiceAccount(String namespace) {
    return byKey(serviceAccounts, Cache.namespaceKeyFunc(namespace, DEFAULT_SERVICE_ACCOUNT));
  }

  public Optional<ConfigMap> rootCaConfigMap(String namespace) {
    return byKey(configMaps, Cache.namespaceKeyFunc(namespace, ROOT_CA_CONFIG_MAP));
  }

  /** True when every informer is running with an open watch (for /readyz). */
  public boolean isWatching() {
    List<SharedIndexInformer<? extends HasMetadata>> all = List.copyOf(informers);
    return !all.isEmpty() && all.stream().allMatch(i -> i.isRunning() && i.isWatching());
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
            recorder::interaction,
            this::uidOf,
            ownUserAgent,
            java.time.Clock.systemUTC());
    return interactions;
  }

  private String uidOf(String kind, String namespace, String name) {
    String key = Cache.namespaceKeyFunc(namespace, name);
    Optional<? extends HasMetadata> found =
        switch (kind) {
          case "Pod" -> byKey(pods, key);
          case "Deployment" -> byKey(deployments, key);
          case "ReplicaSet" -> byKey(replicaSets, key);
          case "Job" -> byKey(jobs, key);
          case "Service" -> byKey(services, key);
          case "ServiceAccount" -> byKey(serviceAccounts, key);
          case "ConfigMap" -> byKey(configMaps, key);
          case "Namespace" -> byKey(namespaces, name);
          default -> Optional.empty();
        };
    return found.map(o -> o.getMetadata().getUid()).orElse(null);
  }

  /** Called with the component of every observation recorded (new or repeated), for metrics. */
  public void setComponentListener(java.util.function.Consumer<String> component) {
    recorder.setComponentListener(component);
  }

  @Override
  public synchronized void close() {
    for (SharedIndexInformer<? extends HasMetadata> informer : informers) {
      try {
        informer.stop();
      } catch (RuntimeException e) {
        LOG.warn("Stopping informer for {} failed", informer.getApiTypeClass(), e);
      }
    }
    informers.clear();
    objectInformers.clear();
  }

  private <T extends HasMetadata> SharedIndexInformer<T> object(Informable<T> source) {
    SharedIndexInformer<T> informer = source.runnableInformer(0);
    informer.addEventHandler(recorder.objectHandler());
    informers.add(informer);
    objectInformers.add(informer);
    return informer;
  }

  private void awaitSync(CompletableFuture<Void> all, Duration timeout) {
    try {
      all.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Informers not synced after " + timeout + ": " + unsynced());
    } catch (ExecutionException e) {
      throw new IllegalStateException("Informers could not start: " + unsynced(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for informers", e);
    }
  }

  private List<String> unsynced() {
    return informers.stream()
        .filter(i -> !i.hasSynced())
        .map(i -> i.getApiTypeClass().getSimpleName())
        .toList();
  }

  private static <T extends HasMetadata> List<T> inNamespace(
      SharedIndexInformer<T> informer, String namespace) {
    if (informer == null || namespace == null) {
      return List.of();
    }
    return informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
  }

  private static <T extends HasMetadata> Optional<T> byKey(
      SharedIndexInformer<T> informer, String key) {
    return informer == null
        ? Optional.empty()
        : Optional.ofNullable(informer.getStore().getByKey(key));
  }
}
