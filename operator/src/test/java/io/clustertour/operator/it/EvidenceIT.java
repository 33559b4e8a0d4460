package io.clustertour.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.EvidenceSource;
import io.clustertour.operator.api.FlowStepResult;
import io.clustertour.operator.api.StopState;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.api.TimelineEntry;
import io.clustertour.operator.testsupport.Crds;
import io.clustertour.operator.testsupport.LocalEvidence;
import io.clustertour.operator.testsupport.OperatorProcess;
import io.clustertour.operator.testsupport.RealCluster;
import io.clustertour.operator.testsupport.Tours;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who called whom, from the API server's audit stream and the components' own traces, on the local
 * cluster (which sends both to the operator); and the same tour without them.
 */
class EvidenceIT {
  private static final String TOUR =
      """
      apiVersion: clustertour.io/v1alpha1
      kind: ClusterTour
      metadata: {name: %s}
      spec:
        stops:
        - {name: namespace, type: Namespace, namespace: {name: %s}}
        - name: web
          type: Deployment
          deployment: {name: web, namespace: %s, image: busybox:1.36,
                       imagePullPolicy: IfNotPresent, replicas: 2, command: [httpd, -f, -p, "8080"]}
      """;

  private static KubernetesClient client;

  @BeforeAll
  static void installCrd() {
    client = RealCluster.client();
    Crds.install(client);
  }

  @Test
  void theRequestsEtcdWritesAndCriCallsOfADeploymentAreOnTheRecord() {
    Path kubeconfig = RealCluster.kubeconfigPath().orElseThrow();
    boolean local = LocalEvidence.available(kubeconfig);
    if (Boolean.parseBoolean(System.getenv("CI"))) {
      assertThat(local).as("CI runs on the local cluster, which sends audit and traces").isTrue();
    }
    assumeTrue(local, "only the project's local cluster is known to send audit and traces here");
    StopStatus web;
    ClusterTour tour;
    try (OperatorProcess operator = OperatorProcess.start(true)) {
      tour = run("evidence-direct", "tour-evidence");
      web = Tours.stop(tour, "web");
      // the operator's finalizer lets the tour go only while it runs
      Tours.deleteAndAwaitCleanup(client, "evidence-direct", "tour-evidence");
    }
    assertThat(sources(tour))
        .containsEntry("audit", true)
        .containsEntry("apiserver-traces", true)
        .containsEntry("kubelet-traces", true);

    TimelineEntry created = one(web, e -> "DeploymentCreated".equals(e.reason));
    assertThat(created.source).isEqualTo("request");
    assertThat(created.via).contains("trace");
    assertThat(created.message).contains("/deployments/tour-evidence/web");
    TimelineEntry bound = one(web, e -> "PodBound".equals(e.reason));
    assertThat(bound.via).contains("audit");
    assertThat(bound.message).contains("system:kube-scheduler").contains("/binding");
    TimelineEntry podCreated = one(web, e -> "PodCreated".equals(e.reason));
    assertThat(podCreated.via).contains("audit");
    assertThat(podCreated.message).contains("replicaset-controller");
    assertThat(web.timeline)
        .filteredOn(e -> "audit".equals(e.source) && "kubelet".equals(e.component))
        .extracting(e -> e.reason)
        .contains("get pods", "patch pods/status");
    String pod = bound.uid;
    assertThat(web.timeline)
        .filteredOn(e -> "trace".equals(e.source) && pod.equals(e.uid))
        .extracting(e -> e.reason)
        .contains("RunPodSandbox", "CreateContainer", "StartContainer");
    // audited requests are on the API server's clock: microseconds, and an end
    String row = bound.source + " " + bound.via + " " + bound.time + " " + bound.until;
    assertThat(bound.precision).as(row).isEqualTo("us");
    assertThat(bound.until).as(row).isNotNull();

    assertThat(level(web, "C02")).isEqualTo("Observed direct");
    for (String claim : List.of("C03", "C04", "C05", "C06", "C09")) {
      assertThat(level(web, claim)).as(claim).isEqualTo("Contradicted direct");
    }
    assertThat(level(web, "C07")).isEqualTo("Observed direct");
  }

  @Test
  void withoutTheReceiversTheTourCompletesAndSaysWhichEvidenceIsMissing() {
    ClusterTour tour;
    try (OperatorProcess operator = OperatorProcess.start(false)) {
      tour = run("evidence-none", "tour-evidence-none");
      Tours.deleteAndAwaitCleanup(client, "evidence-none", "tour-evidence-none");
    }
    StopStatus web = Tours.stop(tour, "web");
    assertThat(web.state).isEqualTo(StopState.Completed);
    assertThat(sources(tour))
        .containsEntry("audit", false)
        .containsEntry("apiserver-traces", false)
        .containsEntry("kubelet-traces", false)
        .containsEntry("events", true);
    EvidenceSource audit =
        tour.getStatus().evidence.stream().filter(e -> "audit".equals(e.source)).findFirst().get();
    assertThat(audit.detail).contains("AUDIT_WEBHOOK_PORT").contains("docs/evidence.md");
    assertThat(web.timeline).noneMatch(e -> "audit".equals(e.source) || "trace".equals(e.source));
    assertThat(level(web, "C02")).isEqualTo("NotObservable inferred");
    assertThat(level(web, "C03")).isEqualTo("Contradicted inferred");
    assertThat(level(web, "C09")).startsWith("NotObservable");
  }

  private static ClusterTour run(String name, String namespace) {
    client.resource(TOUR.formatted(name, namespace, namespace)).create();
    return Tours.awaitCompleted(client, name, Duration.ofMinutes(3));
  }

  private static Map<String, Boolean> sources(ClusterTour tour) {
    return tour.getStatus().evidence.stream()
        .collect(Collectors.toMap(e -> e.source, e -> Boolean.TRUE.equals(e.available)));
  }

  private static TimelineEntry one(StopStatus stop, Predicate<TimelineEntry> which) {
    return stop.timeline.stream().filter(which).findFirst().orElseThrow();
  }

  private static String level(StopStatus stop, String claim) {
    FlowStepResult f = Tours.claim(stop, claim).get(0);
    return f.verdict + " " + f.evidenceLevel;
  }
}
