package io.clustertour.operator;

import io.clustertour.operator.observe.ClusterWatcher;
import io.clustertour.operator.observe.EvidenceSources;
import io.clustertour.operator.receive.Receivers;
import io.clustertour.operator.reconcile.ClusterTourReconciler;
import io.clustertour.operator.web.HttpServer;
import io.clustertour.operator.web.MetricConventions;
import io.clustertour.operator.web.OverdueStops;
import io.clustertour.operator.web.TourMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running operator: watcher, JOSDK controller, metrics and HTTP server wired together. Main
 * starts one from the environment; real-cluster tests can start one in-process on any client.
 */
public final class OperatorRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorRuntime.class);

  /** Lease that elects the one replica that reconciles. */
  public static final String LEASE_NAME = "clustertour-operator-leader";

  private final ClusterWatcher watcher;
  private final Operator operator;
  private final HttpServer http;
  private final ClusterTourReconciler reconciler;
  private final AtomicBoolean closing;
  private volatile Receivers receivers;

  /**
   * How to run.
   *
   * @param httpPort port of /metrics, probes and the tour view (0: any free port)
   * @param leaderElection elect a leader through a Lease before reconciling
   * @param leaseNamespace namespace of the Lease (null: the client's namespace)
   * @param instance this replica's name (pod name), for the Lease and Events
   */
  public record Settings(
      int httpPort,
      boolean leaderElection,
      String leaseNamespace,
      String instance,
      Receivers.Settings receivers) {

    public Settings(int httpPort, boolean leaderElection, String leaseNamespace, String instance) {
      this(httpPort, leaderElection, leaseNamespace, instance, Receivers.Settings.off());
    }

    /**
     * From HTTP_PORT, LEADER_ELECTION, POD_NAMESPACE and POD_NAME (or HOSTNAME), and the receivers'
     * variables ({@link Receivers.Settings#fromEnv}).
     */
    public static Settings fromEnv(Map<String, String> env) {
      String instance = env.getOrDefault("POD_NAME", env.getOrDefault("HOSTNAME", "local"));
      return new Settings(
          Integer.parseInt(env.getOrDefault("HTTP_PORT", "8080")),
          Boolean.parseBoolean(env.getOrDefault("LEADER_ELECTION", "false")),
          env.get("POD_NAMESPACE"),
          instance,
          Receivers.Settings.fromEnv(env));
    }
  }

  private OperatorRuntime(
      ClusterWatcher watcher,
      Operator operator,
      HttpServer http,
      ClusterTourReconciler reconciler,
      AtomicBoolean closing) {
    this.closing = closing;
    this.watcher = watcher;
    this.operator = operator;
    this.http = http;
    this.reconciler = reconciler;
  }

  /**
   * Starts the HTTP server (probes answer at once), then the JOSDK operator: it starts the
   * controller's event sources (the watcher's watches) and waits for their initial lists before the
   * first reconcile, so a tour tracks its namespaces on synced caches.
   */
  public static OperatorRuntime start(KubernetesClient client, Settings settings) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MetricConventions.apply(registry);
    bindJvmMetrics(registry);
    TourMetrics metrics = new TourMetrics(registry);

    ClusterWatcher watcher = new ClusterWatcher();
    watcher.setLagListener(metrics::observationLag);
    watcher.setComponentListener(metrics::eventObserved);

    ClusterTourReconciler reconciler =
        new ClusterTourReconciler(client, watcher, metrics, settings.instance());
    metrics.receiverLosses(watcher::droppedObservationsTotal, watcher::handlerErrors);
    metrics.overdueStops(() -> OverdueStops.count(reconciler.tours(), Instant.now()));
    AtomicBoolean closing = new AtomicBoolean();
    // a follower starts no controller, so it has no watches: it is ready without them (a rolling
    // update must not wait for a replica that can only watch once the old leader is gone)
    AtomicBoolean leading = new AtomicBoolean(!settings.leaderElection());
    Operator operator =
        new Operator(o -> configure(o, client, registry, settings, closing, leading));
    operator.register(reconciler);

    HttpServer http =
        new HttpServer(
            settings.httpPort(),
            registry,
            () -> true,
            () -> operator.getRuntimeInfo().isStarted() && (!leading.get() || watcher.isWatching()),
            reconciler::tours);
    OperatorRuntime runtime = new OperatorRuntime(watcher, operator, http, reconciler, closing);
    try {
      http.start();
      // before any tour acts: a component's exporter (or a relay) that found nobody listening
      // reconnects within about a second, and what it sends meanwhile is lost
      runtime.receivers =
          Receivers.start(
              settings.receivers(), watcher.evidence(client.getConfiguration().getUserAgent()));
      Receivers started = runtime.receivers;
      metrics.receiver("audit", started.auditStats());
      metrics.receiver("traces", started.traceStats());
      started.awaitFirstSpans(Duration.ofSeconds(3));
      reconciler.reportEvidence(
          distribution -> EvidenceSources.of(started, distribution),
          lastSeen -> EvidenceSources.caughtUp(started, lastSeen, Instant.now()));
      operator.start();
    } catch (IOException e) {
      runtime.close();
      throw new UncheckedIOException("HTTP server could not start", e);
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
    LOG.info(
        "ClusterTour operator started (instance {}, leader election {})",
        settings.instance(),
        settings.leaderElection() ? "on" : "off");
    return runtime;
  }

  private static void configure(
      ConfigurationServiceOverrider o,
      KubernetesClient client,
      PrometheusMeterRegistry registry,
      Settings settings,
      AtomicBoolean closing,
      AtomicBoolean leading) {
    o.withKubernetesClient(client)
        .withCacheSyncTimeout(ClusterWatcher.SYNC_TIMEOUT)
        // per-resource tags would make one series per tour: unbounded cardinality
        .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry))
        // tours are few and each reconcile is short; the machine may be small
        .withConcurrentReconciliationThreads(4)
        .withCloseClientOnStop(false);
    if (settings.leaderElection()) {
      o.withLeaderElectionConfiguration(
          new LeaderElectionConfiguration(
              LEASE_NAME,
              settings.leaseNamespace(),
              LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
              LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
              LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
              settings.instance(),
              new LeaderCallbacks(
                  () -> leading.set(true),
                  () -> {
                    leading.set(false);
                    lostLeadership(closing);
                  },
                  leader -> {}),
              // JOSDK's own exit would call System.exit from inside our shutdown hook (stopping
              // the operator stops leading), which deadlocks the JVM; see lostLeadership
              false));
    }
  }

  /**
   * Leadership lost while running (lease not renewed in time): exit so the pod restarts as a
   * follower. Leadership given up by {@link #close()} is the normal end and needs nothing.
   */
  private static void lostLeadership(AtomicBoolean closing) {
    if (closing.get()) {
      return;
    }
    LOG.error("Lost leadership of lease {}; exiting so a fresh instance takes over", LEASE_NAME);
    // a new thread: System.exit runs the shutdown hooks, which wait for the elector's thread
    Thread exit = new Thread(() -> System.exit(1), "clustertour-exit");
    exit.setDaemon(true);
    exit.start();
  }

  private static void bindJvmMetrics(PrometheusMeterRegistry registry) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  public ClusterWatcher watcher() {
    return watcher;
  }

  public ClusterTourReconciler reconciler() {
    return reconciler;
  }

  /** The bound HTTP port (useful when started with port 0). */
  public int httpPort() {
    return http.port();
  }

  /** Stops reconciling and watching (JOSDK stops the event sources), then serving. */
  @Override
  public void close() {
    closing.set(true);
    try {
      operator.stop();
    } catch (RuntimeException e) {
      LOG.warn("Stopping the operator failed", e);
    }
    if (receivers != null) {
      receivers.close();
    }
    http.stop();
  }

  /** The evidence receivers (audit webhook, trace receiver), or null before start. */
  public Receivers receivers() {
    return receivers;
  }
}
