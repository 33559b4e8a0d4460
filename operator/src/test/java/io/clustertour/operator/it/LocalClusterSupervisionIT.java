package io.clustertour.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clustertour.operator.testsupport.LocalClusterControl;
import io.clustertour.operator.testsupport.RealCluster;
import io.clustertour.operator.testsupport.SmokeScenario;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The local cluster's supervisor (hack/local-cluster/supervise.sh) starts again a component whose
 * process is gone, as a kubeadm node's kubelet does for static pods, and leaves a component that
 * component.sh stopped on purpose down until it is started.
 */
class LocalClusterSupervisionIT {
  private static final String SCHEDULER = "kube-scheduler";
  private static final String CONTROLLER_MANAGER = "kube-controller-manager";
  private LocalClusterControl cluster;
  private KubernetesClient client;

  @BeforeEach
  void everythingRuns() {
    client = RealCluster.client();
    cluster = LocalClusterControl.require();
    // also starts the supervisor of a cluster that was started before there was one
    cluster.ensureAllRunning();
    assertThat(cluster.isRunning("supervisor")).as("supervisor runs").isTrue();
  }

  @AfterEach
  void restore() {
    cluster.ensureAllRunning();
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void schedulerAndControllerManagerComeBackByThemselvesAfterTheApiServerRestarts() {
    // Only a leader exits when it cannot renew its lease; one that waits to acquire it keeps
    // trying.
    ZonedDateTime schedulerRenewed = renewTime(SCHEDULER);
    ZonedDateTime managerRenewed = renewTime(CONTROLLER_MANAGER);
    await("scheduler and controller-manager renewing their leases")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                renewTime(SCHEDULER).isAfter(schedulerRenewed)
                    && renewTime(CONTROLLER_MANAGER).isAfter(managerRenewed));
    int schedulerRestarts = cluster.restarts(SCHEDULER);
    int managerRestarts = cluster.restarts(CONTROLLER_MANAGER);
    String schedulerLeader = leaseHolder(SCHEDULER);

    cluster.stop("kube-apiserver", false);
    Instant down = Instant.now();
    try {
      // Without the API server they cannot renew their leases and exit (about 10 s): the test
      // waits for that, so the restart below exercises the supervisor every time.
      await("scheduler and controller-manager exited")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> !cluster.isRunning(SCHEDULER) && !cluster.isRunning(CONTROLLER_MANAGER));
      // ...and stay down while the API server is: started earlier, a scheduler would find no
      // events.k8s.io API and write its Events without their microsecond eventTime
      await("the supervisor waits for the API server")
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  cluster.restarts(SCHEDULER) == schedulerRestarts
                      && !cluster.isRunning(SCHEDULER));
    } finally {
      cluster.start("kube-apiserver");
    }
    Instant up = Instant.now();
    System.out.printf(
        "LocalClusterSupervisionIT: API server down %d s; scheduler: %s; controller-manager: %s%n",
        Duration.between(down, up).toSeconds(),
        cluster.supervised(SCHEDULER, "last_reason").orElse("?"),
        cluster.supervised(CONTROLLER_MANAGER, "last_reason").orElse("?"));

    // Nothing but the supervisor starts them: component.sh ensure is not called before this.
    await("scheduler and controller-manager started again, healthy and leading")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                cluster.restarts(SCHEDULER) > schedulerRestarts
                    && cluster.restarts(CONTROLLER_MANAGER) > managerRestarts
                    && cluster.isHealthy(SCHEDULER)
                    && cluster.isHealthy(CONTROLLER_MANAGER)
                    && !leaseHolder(SCHEDULER).equals(schedulerLeader));
    Instant healthy = Instant.now();
    assertSchedulerEventsKeepTheirMicroseconds();
    SmokeScenario.run(client, "supervision-it", Duration.ofMinutes(4));
    System.out.printf(
        "LocalClusterSupervisionIT: healthy %d s after the API server was back (%d restarts of"
            + " the scheduler, %d of the controller-manager); a new Deployment Ready %d s later%n",
        Duration.between(up, healthy).toSeconds(),
        cluster.restarts(SCHEDULER) - schedulerRestarts,
        cluster.restarts(CONTROLLER_MANAGER) - managerRestarts,
        Duration.between(healthy, Instant.now()).toSeconds());
  }

  /** The restarted scheduler reports a binding through events.k8s.io, with its µs eventTime. */
  private void assertSchedulerEventsKeepTheirMicroseconds() {
    String ns = "supervision-events";
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
    try {
      // admission refuses pods until the just-restarted controller-manager made the namespace's
      // default ServiceAccount
      await("the default ServiceAccount of " + ns)
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> client.serviceAccounts().inNamespace(ns).withName("default").get() != null);
      client
          .pods()
          .inNamespace(ns)
          .resource(
              new PodBuilder()
                  .withNewMetadata()
                  .withName("p")
                  .endMetadata()
                  .withNewSpec()
                  .addNewContainer()
                  .withName("c")
                  .withImage("busybox:1.36")
                  .withImagePullPolicy("IfNotPresent")
                  .withCommand("sleep", "3600")
                  .endContainer()
                  .endSpec()
                  .build())
          .create();
      await("the new pod's Scheduled Event")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(client.events().v1().events().inNamespace(ns).list().getItems())
                      .filteredOn(e -> "Scheduled".equals(e.getReason()))
                      .singleElement()
                      .satisfies(e -> assertThat(e.getEventTime()).isNotNull()));
    } finally {
      client.namespaces().withName(ns).delete();
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void schedulerKilledWithSigkillIsStartedAgain() {
    long pid = cluster.pid(SCHEDULER).orElseThrow();
    int restarts = cluster.restarts(SCHEDULER);
    Instant killed = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    // Directly, not through component.sh: a crash the supervisor was not told about.
    assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).as("SIGKILL sent").isTrue();

    // The back-off is at most 30 s (a scheduler that was restarted less than a minute ago).
    await("scheduler started again")
        .atMost(Duration.ofSeconds(45))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> cluster.restarts(SCHEDULER) == restarts + 1 && cluster.isRunning(SCHEDULER));
    System.out.printf(
        "LocalClusterSupervisionIT: scheduler running again %d ms after SIGKILL (%s)%n",
        Duration.between(killed, Instant.now()).toMillis(),
        cluster.supervised(SCHEDULER, "last_reason").orElse("?"));
    assertThat(cluster.pid(SCHEDULER)).isPresent().isNotEqualTo(java.util.OptionalLong.of(pid));
    assertThat(Instant.parse(cluster.supervised(SCHEDULER, "last_exit").orElseThrow()))
        .as("the exit is recorded")
        .isAfterOrEqualTo(killed);
    await("scheduler healthy")
        .atMost(Duration.ofSeconds(60))
        .until(() -> cluster.isHealthy(SCHEDULER));
    assertThat(cluster.restarts(SCHEDULER))
        .as("started once, not crash-looping")
        .isEqualTo(restarts + 1);
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void componentStoppedThroughComponentShStaysDownUntilStarted() {
    // kube-proxy: no other test here restarts it, so its restart delay is the first one (1 s) and
    // an unheld kube-proxy would be running again within about 2 s.
    String proxy = "kube-proxy";
    int restarts = cluster.restarts(proxy);
    cluster.stop(proxy, true);
    assertThat(cluster.isHeld(proxy)).as("held").isTrue();

    await("held kube-proxy stays down for six supervisor periods")
        .during(Duration.ofSeconds(6))
        .atMost(Duration.ofSeconds(9))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> !cluster.isRunning(proxy) && cluster.restarts(proxy) == restarts);

    cluster.start(proxy);
    assertThat(cluster.isRunning(proxy)).as("running after start").isTrue();
    assertThat(cluster.isHeld(proxy)).as("start clears the hold").isFalse();
    assertThat(cluster.isHealthy(proxy)).as("healthy after start").isTrue();
    assertThat(cluster.restarts(proxy))
        .as("started by component.sh, not the supervisor")
        .isEqualTo(restarts);
  }

  private Lease lease(String name) {
    return client.leases().inNamespace("kube-system").withName(name).get();
  }

  /** When the lease was last renewed; only a running leader renews it (every 2 s). */
  private ZonedDateTime renewTime(String name) {
    Lease lease = lease(name);
    return lease == null || lease.getSpec().getRenewTime() == null
        ? ZonedDateTime.parse("1970-01-01T00:00:00Z")
        : lease.getSpec().getRenewTime();
  }

  private String leaseHolder(String name) {
    Lease lease = lease(name);
    return lease == null || lease.getSpec().getHolderIdentity() == null
        ? ""
        : lease.getSpec().getHolderIdentity();
  }
}
