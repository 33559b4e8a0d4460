package io.clustertour.operator.bench;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Background load in a namespace no tour owns, for the busy-cluster comparison: crash-looping pods,
 * a Deployment scaled up and down, and a steady rate of core/v1 Events. The operator watches all
 * Events and the default ServiceAccounts and root-CA ConfigMaps of every namespace, so all of this
 * reaches its caches although none of it concerns a tour.
 */
final class BusyLoad implements AutoCloseable {
  static final String NAMESPACE = "bench-busy-load";
  static final String LABEL = "clustertour.io/bench-load";

  /** What the load did, for the results. */
  record Shape(
      int crashLoopingPods,
      int flapMin,
      int flapMax,
      int flapPeriodSeconds,
      double eventsPerSecond,
      long eventsCreated,
      long eventErrors,
      long scaleChanges,
      double seconds) {}

  private final KubernetesClient admin;
  private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong scales = new AtomicLong();
  private final int crashPods;
  private final int flapMin;
  private final int flapMax;
  private final int flapPeriod;
  private final double rate;
  private final Instant started = Instant.now();

  private BusyLoad(
      KubernetesClient admin,
      int crashPods,
      int flapMin,
      int flapMax,
      int flapPeriod,
      double rate) {
    this.admin = admin;
    this.crashPods = crashPods;
    this.flapMin = flapMin;
    this.flapMax = flapMax;
    this.flapPeriod = flapPeriod;
    this.rate = rate;
  }

  /** Removes the load of an interrupted bench. */
  static void removeLeftovers(KubernetesClient admin) {
    if (admin.namespaces().withName(NAMESPACE).get() != null) {
      admin.namespaces().withName(NAMESPACE).delete();
      await("leftover " + NAMESPACE + " gone")
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> admin.namespaces().withName(NAMESPACE).get() == null);
    }
  }

  /**
   * Starts the load and returns once its Deployments exist.
   *
   * @param crashPods pods that exit after 2 s, again and again (CrashLoopBackOff)
   * @param flapMin replicas of the flapping Deployment at its low point
   * @param flapMax ... and at its high point
   * @param flapPeriod seconds between two scale changes
   * @param eventsPerSecond Events created per second
   */
  static BusyLoad start(
      KubernetesClient admin,
      int crashPods,
      int flapMin,
      int flapMax,
      int flapPeriod,
      double eventsPerSecond) {
    removeLeftovers(admin);
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(NAMESPACE)
                .addToLabels(LABEL, "true")
                .endMetadata()
                .build())
        .create();
    BusyLoad load = new BusyLoad(admin, crashPods, flapMin, flapMax, flapPeriod, eventsPerSecond);
    admin
        .apps()
        .deployments()
        .inNamespace(NAMESPACE)
        .resource(deployment("crash", crashPods, List.of("sh", "-c", "sleep 2; exit 1")))
        .create();
    admin
        .apps()
        .deployments()
        .inNamespace(NAMESPACE)
        .resource(deployment("flap", flapMin, List.of("sleep", "3600")))
        .create();
    long periodMicros = Math.max(1, Math.round(1_000_000 / Math.max(0.001, eventsPerSecond)));
    load.timer.scheduleAtFixedRate(load::event, 0, periodMicros, TimeUnit.MICROSECONDS);
    load.timer.scheduleAtFixedRate(load::flap, flapPeriod, flapPeriod, TimeUnit.SECONDS);
    return load;
  }

  private static Deployment deployment(String name, int replicas, List<String> command) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .withTerminationGracePeriodSeconds(0L)
        .addNewContainer()
        .withName(name)
        .withImage("busybox:1.36")
        .withImagePullPolicy("IfNotPresent")
        .withCommand(command)
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private void event() {
    long i = events.incrementAndGet();
    try {
      String now = Instant.now().toString();
      admin
          .v1()
          .events()
          .inNamespace(NAMESPACE)
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName("load-" + Long.toString(started.toEpochMilli(), 36) + "-" + i)
                  .endMetadata()
                  .withNewInvolvedObject()
                  .withKind("ConfigMap")
                  .withNamespace(NAMESPACE)
                  .withName("load")
                  .endInvolvedObject()
                  .withReason("BenchLoad")
                  .withMessage("background Event " + i)
                  .withType("Normal")
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withCount(1)
                  .withNewSource()
                  .withComponent("bench-load")
                  .endSource()
                  .build())
          .create();
    } catch (RuntimeException e) {
      errors.incrementAndGet();
    }
  }

  private void flap() {
    try {
      long k = scales.incrementAndGet();
      int replicas = k % 2 == 1 ? flapMax : flapMin;
      admin.apps().deployments().inNamespace(NAMESPACE).withName("flap").scale(replicas);
    } catch (RuntimeException e) {
      errors.incrementAndGet();
    }
  }

  Shape shape() {
    return new Shape(
        crashPods,
        flapMin,
        flapMax,
        flapPeriod,
        rate,
        events.get() - errors.get(),
        errors.get(),
        scales.get(),
        Duration.between(started, Instant.now()).toMillis() / 1000.0);
  }

  /** Stops the load and deletes its namespace (and with it the Events). */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    removeLeftovers(admin);
  }
}
