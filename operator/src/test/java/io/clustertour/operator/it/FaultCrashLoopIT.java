package io.clustertour.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.StopState;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.testsupport.Crds;
import io.clustertour.operator.testsupport.OperatorProcess;
import io.clustertour.operator.testsupport.RealCluster;
import io.clustertour.operator.testsupport.TourWatch;
import io.clustertour.operator.testsupport.Tours;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Twenty pods whose container exits at once crash-loop for two minutes while the operator runs.
 * What is exercised: the start-up burst of 20 failing pods (far more steps than the timeline cap)
 * inside one stop, then a long crash loop after the stop diverged. Not exercised: an hour-long loop
 * inside a running stop (the stop ends at the first BackOff; the timeline cap for long windows is
 * covered by TimelineBuilderTest).
 */
class FaultCrashLoopIT {
  private static final String TOUR = "fault-crashloop";
  private static final String NS = "tour-fault-crashloop";
  private static final int MAX_STATUS_BYTES = 256 * 1024;
  private static final Duration LOOP = Duration.ofMinutes(2);
  private static KubernetesClient client;

  @BeforeAll
  static void setUp() {
    client = RealCluster.client();
    Crds.install(client);
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void twentyPodsCrashLoopingForTwoMinutesKeepTheStatusSmallWithDroppedCounters() {
    String yaml =
        """
        apiVersion: clustertour.io/v1alpha1
        kind: ClusterTour
        metadata: {name: fault-crashloop}
        spec:
          stops:
          - {name: namespace, type: Namespace, namespace: {name: tour-fault-crashloop}}
          - name: crash
            type: Deployment
            timeoutSeconds: 600
            deployment: {name: crash, namespace: tour-fault-crashloop, image: busybox:1.36,
                         imagePullPolicy: IfNotPresent, replicas: 20, command: [sh, -c, "exit 1"]}
        """;
    KubernetesSerialization json = new KubernetesSerialization();
    AtomicInteger largest = new AtomicInteger();
    try (OperatorProcess operator = OperatorProcess.start()) {
      try {
        TourWatch.recreate(client, yaml);
        StopStatus crash =
            TourWatch.awaitStop(
                client, TOUR, "crash", "ended", s -> s.state.isFinal(), Duration.ofMinutes(3));
        assertThat(crash.state).isEqualTo(StopState.Diverged);
        assertThat(crash.reason).isIn("BackOff", "CrashLoopBackOff", "Error");

        Instant until = Instant.now().plus(LOOP);
        await("crash loop for " + LOOP)
            .atMost(LOOP.plusSeconds(30))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () -> {
                  ClusterTour t = Tours.api(client).withName(TOUR).get();
                  int size = json.asJson(t).getBytes(StandardCharsets.UTF_8).length;
                  largest.accumulateAndGet(size, Math::max);
                  assertThat(size).as("whole ClusterTour JSON").isLessThan(MAX_STATUS_BYTES);
                  return Instant.now().isAfter(until);
                });

        int restarts =
            client.pods().inNamespace(NS).list().getItems().stream()
                .mapToInt(FaultCrashLoopIT::restarts)
                .sum();
        assertThat(restarts).as("the pods really crash-looped").isGreaterThanOrEqualTo(40);
        ClusterTour t = Tours.api(client).withName(TOUR).get();
        StopStatus end = Tours.stop(t, "crash");
        assertThat(end.droppedEntries).as("entries over the cap are counted").isPositive();
        assertThat(end.timeline).hasSizeLessThanOrEqualTo(60);
        assertThat(json.asJson(end))
            .as("a finished stop no longer changes")
            .isEqualTo(json.asJson(crash));
        assertThat(TourWatch.probe(operator, "/healthz")).isEqualTo(200);
        System.out.printf(
            "FaultCrashLoopIT: largest tour %d bytes, %d restarts, %d dropped entries, %d kept%n",
            largest.get(), restarts, end.droppedEntries, end.timeline.size());
      } finally {
        TourWatch.deleteAll(client, new String[] {TOUR}, NS);
      }
    }
  }

  private static int restarts(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
        ? 0
        : pod.getStatus().getContainerStatuses().stream().mapToInt(c -> c.getRestartCount()).sum();
  }
}
