package io.clustertour.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.StopState;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.testsupport.Crds;
import io.clustertour.operator.testsupport.LocalClusterControl;
import io.clustertour.operator.testsupport.OperatorProcess;
import io.clustertour.operator.testsupport.RealCluster;
import io.clustertour.operator.testsupport.TourWatch;
import io.clustertour.operator.testsupport.Tours;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The local cluster's kube-apiserver is stopped and started again while a tour runs: the operator
 * stays live, reconnects its watches and the tour completes.
 */
class FaultApiServerRestartIT {
  private static final String TOUR = "fault-apiserver";
  private static final String NS = "tour-fault-apiserver";
  private static KubernetesClient client;

  @BeforeAll
  static void setUp() {
    client = RealCluster.client();
    Crds.install(client);
  }

  @Test
  @Timeout(value = 12, unit = java.util.concurrent.TimeUnit.MINUTES)
  void tourCompletesAfterTheApiServerRestartsMidTour() {
    // here rather than in @BeforeAll, so a skip is reported on the test with its reason
    LocalClusterControl cluster = LocalClusterControl.require();
    String yaml =
        """
        apiVersion: clustertour.io/v1alpha1
        kind: ClusterTour
        metadata: {name: fault-apiserver}
        spec:
          timeoutSeconds: 480
          stops:
          - {name: namespace, type: Namespace, namespace: {name: tour-fault-apiserver}}
          - name: web
            type: Deployment
            deployment: {name: web, namespace: tour-fault-apiserver, image: busybox:1.36,
                         imagePullPolicy: IfNotPresent, replicas: 2, command: [httpd, -f, -p, "8080"]}
          - {name: scale-up, type: Scale, target: web, scale: {replicas: 3}}
          - {name: self-healing, type: DeletePod, target: web, deletePod: {gracePeriodSeconds: 1}}
        """;
    try (OperatorProcess operator = OperatorProcess.start()) {
      try {
        TourWatch.recreate(client, yaml);
        TourWatch.awaitStop(
            client,
            TOUR,
            "web",
            "Running",
            s -> s.state == StopState.Running,
            Duration.ofMinutes(2));

        cluster.stop("kube-apiserver", false);
        assertThat(TourWatch.probe(operator, "/healthz"))
            .as("operator live while the API server is down")
            .isEqualTo(200);
        cluster.start("kube-apiserver");
        // The scheduler and controller-manager exit when they cannot renew their leases during the
        // outage (about 10 s); the local cluster's supervisor starts them again, as a kubeadm
        // node's kubelet would (LocalClusterSupervisionIT); ensure starts one still backing off.
        cluster.ensureAllRunning();

        // The kubelet's pod watch has been seen to take up to two minutes to resume after the
        // API server restarts (its log stays silent meanwhile): pods bound in that time start late.
        ClusterTour tour = Tours.awaitCompleted(client, TOUR, Duration.ofMinutes(7));
        for (StopStatus stop : tour.getStatus().stops) {
          assertThat(stop.state)
              .as("stop %s: %s", stop.name, stop.message)
              .isEqualTo(StopState.Completed);
        }
        Set<String> seen =
            Tours.stop(tour, "scale-up").timeline.stream()
                .map(e -> e.component + "/" + e.reason)
                .collect(Collectors.toSet());
        assertThat(seen)
            .as("stops after the restart are still observed through the reconnected watches")
            .contains("deployment-controller/ScalingReplicaSet", "default-scheduler/Scheduled");
        await("operator ready again")
            .atMost(Duration.ofSeconds(30))
            .until(() -> TourWatch.probe(operator, "/readyz") == 200);
      } finally {
        cluster.ensureAllRunning();
        TourWatch.keepEvidence(client, operator, "FaultApiServerRestartIT", TOUR);
        TourWatch.deleteAll(client, new String[] {TOUR}, NS);
      }
    } finally {
      cluster.ensureAllRunning();
    }
  }
}
