package io.clustertour.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.StopState;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.testsupport.Crds;
import io.clustertour.operator.testsupport.LocalClusterControl;
import io.clustertour.operator.testsupport.OperatorProcess;
import io.clustertour.operator.testsupport.RealCluster;
import io.clustertour.operator.testsupport.TourWatch;
import io.clustertour.operator.testsupport.Tours;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The node's kubelet is stopped in the middle of a tour: the stop that needs it ends TimedOut with
 * a reason naming the kubelet and the node, the operator stays healthy, and a second tour that
 * waits through the outage completes once the kubelet is back.
 *
 * <p>To stop the kubelet at a known point of the tour, the tour's second namespace is held
 * Terminating (an earlier namespace of the same tour with a test finalizer): the tour waits there
 * (NamespaceTerminating) after its first Deployment completed, the kubelet is stopped, the hold is
 * released, and the tour moves on to a Deployment no kubelet will start.
 */
class FaultKubeletStopIT {
  private static final String TOUR = "fault-kubelet";
  private static final String OTHER = "fault-kubelet-other";
  private static final String HELD = "tour-fk-held";
  private static final String HOLD_FINALIZER = "clustertour.io/test-hold";
  private static KubernetesClient client;

  @BeforeAll
  static void setUp() {
    client = RealCluster.client();
    Crds.install(client);
  }

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void stopNeedingTheKubeletTimesOutNamingItAndOtherToursRecover() {
    // here rather than in @BeforeAll, so a skip is reported on the test with its reason
    LocalClusterControl cluster = LocalClusterControl.require();
    String node = client.nodes().list().getItems().get(0).getMetadata().getName();
    String tour =
        """
        apiVersion: clustertour.io/v1alpha1
        kind: ClusterTour
        metadata: {name: fault-kubelet}
        spec:
          stops:
          - {name: first-namespace, type: Namespace, namespace: {name: tour-fk-a}}
          - name: before
            type: Deployment
            deployment: {name: before, namespace: tour-fk-a, image: busybox:1.36,
                         imagePullPolicy: IfNotPresent, command: [httpd, -f, -p, "8080"]}
          - {name: second-namespace, type: Namespace, namespace: {name: tour-fk-held}}
          - name: after
            type: Deployment
            timeoutSeconds: 15
            deployment: {name: after, namespace: tour-fk-held, image: busybox:1.36,
                         imagePullPolicy: IfNotPresent, command: [httpd, -f, -p, "8080"]}
        """;
    String other =
        """
        apiVersion: clustertour.io/v1alpha1
        kind: ClusterTour
        metadata: {name: fault-kubelet-other}
        spec:
          stops:
          - {name: namespace, type: Namespace, namespace: {name: tour-fk-b}}
          - name: web
            type: Deployment
            timeoutSeconds: 240
            deployment: {name: web, namespace: tour-fk-b, image: busybox:1.36,
                         imagePullPolicy: IfNotPresent, command: [httpd, -f, -p, "8080"]}
        """;
    try (OperatorProcess operator = OperatorProcess.start()) {
      try {
        holdNamespace();
        TourWatch.recreate(client, tour);
        TourWatch.awaitStop(
            client,
            TOUR,
            "before",
            "Completed",
            s -> s.state == StopState.Completed,
            Duration.ofMinutes(2));
        TourWatch.awaitStop(
            client,
            TOUR,
            "second-namespace",
            "held by the terminating namespace",
            s -> "NamespaceTerminating".equals(s.reason),
            Duration.ofMinutes(1));

        cluster.stop("kubelet", false);
        Instant down = Instant.now();
        TourWatch.recreate(client, other);
        TourWatch.awaitStop(
            client,
            OTHER,
            "web",
            "Running",
            s -> s.state == StopState.Running,
            Duration.ofMinutes(1));
        releaseNamespace();

        StopStatus after =
            TourWatch.awaitStop(
                client, TOUR, "after", "ended", s -> s.state.isFinal(), Duration.ofMinutes(2));
        assertThat(after.state).isIn(StopState.TimedOut, StopState.Diverged);
        assertThat(after.reason).isEqualTo("ContainerNotStarted");
        assertThat(after.message).contains("kubelet").contains("node " + node);
        assertThat(TourWatch.probe(operator, "/healthz")).as("operator live").isEqualTo(200);
        assertThat(TourWatch.probe(operator, "/readyz")).as("operator ready").isEqualTo(200);
        assertThat(TourWatch.stop(client, OTHER, "web").orElseThrow().state)
            .as("the other tour still waits, neither failed nor timed out")
            .isEqualTo(StopState.Running);

        cluster.start("kubelet");
        System.out.printf(
            "FaultKubeletStopIT: %s %s: %s; kubelet down for %d s%n",
            after.state,
            after.reason,
            after.message,
            Duration.between(down, Instant.now()).toSeconds());
        ClusterTour done = Tours.awaitCompleted(client, OTHER, Duration.ofMinutes(3));
        StopStatus web = Tours.stop(done, "web");
        assertThat(web.state).as(web.message).isEqualTo(StopState.Completed);
        assertThat(web.timeline)
            .anyMatch(e -> "kubelet".equals(e.component) && "Started".equals(e.reason));
      } finally {
        cluster.ensureAllRunning();
        TourWatch.keepEvidence(client, operator, "FaultKubeletStopIT", TOUR, OTHER);
        releaseNamespace();
        TourWatch.deleteAll(client, new String[] {TOUR, OTHER}, "tour-fk-a", HELD, "tour-fk-b");
      }
    } finally {
      cluster.ensureAllRunning();
    }
  }

  /** A namespace of this tour that is being deleted but cannot go until the test says so. */
  private static void holdNamespace() {
    releaseNamespace();
    TourWatch.deleteAll(client, new String[] {TOUR, OTHER}, "tour-fk-a", HELD, "tour-fk-b");
    Namespace held =
        new NamespaceBuilder()
            .withNewMetadata()
            .withName(HELD)
            .addToLabels("clustertour.io/tour", TOUR)
            .withFinalizers(HOLD_FINALIZER)
            .endMetadata()
            .build();
    client.namespaces().resource(held).create();
    client.namespaces().withName(HELD).delete();
  }

  private static void releaseNamespace() {
    Namespace ns = client.namespaces().withName(HELD).get();
    if (ns != null && ns.getMetadata().getFinalizers().contains(HOLD_FINALIZER)) {
      client
          .namespaces()
          .withName(HELD)
          .edit(
              n -> {
                n.getMetadata().setFinalizers(List.of());
                return n;
              });
    }
  }
}
