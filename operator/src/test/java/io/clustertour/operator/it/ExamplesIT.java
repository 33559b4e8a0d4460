package io.clustertour.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.FlowStepResult;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopState;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.api.TimelineEntry;
import io.clustertour.operator.api.Verdict;
import io.clustertour.operator.testsupport.Browser;
import io.clustertour.operator.testsupport.Crds;
import io.clustertour.operator.testsupport.LocalEvidence;
import io.clustertour.operator.testsupport.OperatorProcess;
import io.clustertour.operator.testsupport.ProvenOrder;
import io.clustertour.operator.testsupport.RealCluster;
import io.clustertour.operator.testsupport.Tours;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every example tour, applied as a learner would, run by the operator jar on the real cluster: the
 * components, reasons and verdicts the status reports are those the cluster produced.
 */
class ExamplesIT {
  private static final Duration LIMIT = Duration.ofMinutes(4);
  private static final Map<String, String> EXAMPLES =
      Map.of(
          "01-first-tour.yaml", "tour-first",
          "02-self-healing.yaml", "tour-healing",
          "03-scale.yaml", "tour-scale",
          "04-job.yaml", "tour-job",
          "05-service.yaml", "tour-service",
          "06-failure-bad-image.yaml", "tour-bad-image",
          "07-failure-unschedulable.yaml", "tour-unschedulable",
          "08-my-own-belief.yaml", "tour-belief",
          "09-korean-tour.yaml", "tour-korean");
  private static KubernetesClient client;
  private static OperatorProcess operator;

  @BeforeAll
  static void applyAllExamples() {
    client = RealCluster.client();
    Crds.install(client);
    operator = OperatorProcess.start();
    // All at once, as a class of learners would: the operator runs tours concurrently.
    EXAMPLES.keySet().forEach(file -> Tours.apply(client, file));
  }

  @AfterAll
  static void deleteToursAndStopOperator() {
    if (client != null) {
      List<ClusterTour> tours = Tours.api(client).list().getItems();
      for (ClusterTour tour : tours) {
        // only the examples' tours: others on a shared cluster are someone else's
        String file = fileOf(tour.getMetadata().getName());
        String ns = file == null ? null : EXAMPLES.get(file);
        if (ns != null) {
          Tours.deleteAndAwaitCleanup(client, tour.getMetadata().getName(), ns);
        }
      }
    }
    if (operator != null) {
      operator.close();
    }
  }

  private static String fileOf(String tourName) {
    return EXAMPLES.keySet().stream()
        .filter(f -> f.substring(3).startsWith(tourName))
        .findFirst()
        .orElse(null);
  }

  @Test
  void firstTourShowsTheRealMechanismNextToTheNotes() {
    ClusterTour tour = Tours.awaitCompleted(client, "first-tour", LIMIT);
    StopStatus inventory = Tours.stop(tour, "inventory");
    assertThat(inventory.state).isEqualTo(StopState.Completed);
    if ("clustertour-local".equals(tour.getStatus().cluster.distribution)) {
      // the bare profile: control plane as host processes, nothing in kube-system (on the kubeadm
      // profile both are Observed: KubeadmShapeIT)
      assertThat(verdicts(inventory, "C19")).containsOnly(Verdict.Contradicted);
      assertThat(Tours.claim(inventory, "C19").get(0).evidence).contains("ControlPlaneHidden");
      assertThat(verdicts(inventory, "C20")).containsOnly(Verdict.Contradicted);
      assertThat(Tours.claim(inventory, "C20").get(0).evidence).contains("NoAddonPods");
    }
    assertThat(tour.getStatus().cluster.serverVersion).startsWith("v1.");
    assertThat(tour.getStatus().cluster.nodes).isNotEmpty();

    StopStatus namespace = Tours.stop(tour, "namespace");
    assertThat(namespace.state).isEqualTo(StopState.Completed);
    assertThat(verdicts(namespace, "C14")).contains(Verdict.Observed);
    assertThat(reasons(namespace)).contains("serviceaccount-controller/ServiceAccountCreated");

    StopStatus web = Tours.stop(tour, "web");
    assertThat(web.state).isEqualTo(StopState.Completed);
    assertThat(reasons(web))
        .contains(
            "deployment-controller/ScalingReplicaSet",
            "replicaset-controller/SuccessfulCreate",
            "default-scheduler/Scheduled",
            "default-scheduler/PodBound",
            "kubelet/Started");
    for (String claim : List.of("C04", "C05", "C06")) {
      List<FlowStepResult> steps = Tours.claim(web, claim);
      assertThat(steps).as(claim).isNotEmpty();
      assertThat(steps)
          .as(claim + " is contradicted with evidence")
          .anySatisfy(
              s -> {
                assertThat(s.verdict).isEqualTo(Verdict.Contradicted);
                assertThat(s.evidence).isNotBlank();
              });
    }
    assertThat(verdicts(web, "C07")).contains(Verdict.Observed);
    assertThat(List.of(namespace, web))
        .as("a healthy cluster follows the documented order; watch latency is no disorder")
        .flatMap(s -> s.flow)
        .noneMatch(s -> s.verdict == Verdict.OutOfOrder);
    assertThat(web.latencies).isNotNull();
    if (LocalEvidence.available(RealCluster.kubeconfigPath().orElseThrow())) {
      // the audit stream times the create in µs, and the scheduler its Scheduled Event: a real
      // number of milliseconds, not the truncated creationTimestamp's whole second
      assertThat(web.latencies.first.createToScheduled.from)
          .isEqualTo("the API server's create (audit)");
      assertThat(web.latencies.first.createToScheduled.precision).isEqualTo("us");
    } else {
      assertThat(web.latencies.first.createToReady.from).isEqualTo("creationTimestamp");
    }
    assertThat(web.latencies.first.createToReady.precision)
        .as("Ready.lastTransitionTime is a metav1.Time field: no millisecond claim")
        .isEqualTo("s");
    assertThat(web.latencies.first.createToReady.ms % 1000).isZero();
    assertThat(web.latencies.first.createToReady.watchMs).isPositive();
    assertThat(web.activity).isNotNull();
    assertThat(web.timeline)
        .as("every own time says how precise it is; every entry has its receive bound")
        .allSatisfy(
            e -> {
              if (e.time != null) {
                assertThat(e.precision).isIn("s", "ms", "us");
              }
              assertThat(e.receivedAt).isNotNull();
            });
    assertThat(web.timeline)
        .filteredOn(e -> "Scheduled".equals(e.reason))
        .allSatisfy(e -> assertThat(e.precision).isEqualTo("us"));
  }

  @Test
  void selfHealingReplacesTheDeletedPod() {
    ClusterTour tour = Tours.awaitCompleted(client, "self-healing", LIMIT);
    StopStatus delete = Tours.stop(tour, "delete-a-pod");
    assertThat(delete.state).isEqualTo(StopState.Completed);
    assertThat(reasons(delete))
        .contains("replicaset-controller/SuccessfulCreate", "kubelet/Killing");
    assertThat(verdicts(delete, "C12")).contains(Verdict.Observed);

    assertThat(delete.deletedPod).as("the choice is stored before the delete").isNotNull();
    assertThat(delete.deletedPod.uid).isNotBlank();
    TimelineEntry request = delete.timeline.get(0);
    assertThat(request.reason)
        .as("the operator's delete comes first")
        .isEqualTo("PodDeletionRequested");
    assertThat(request.source).isEqualTo("request");
    assertThat(request.component).isEqualTo("clustertour-operator");
    assertThat(request.uid).isEqualTo(delete.deletedPod.uid);
    assertThat(request.revision).as("the answer's etcd revision").isNotNull();
    FlowStepResult asked = Tours.claim(delete, "C01").get(0);
    assertThat(asked.verdict).isEqualTo(Verdict.Observed);
    assertThat(asked.evidence)
        .contains("clustertour-operator")
        .contains("Pod/" + delete.deletedPod.name)
        .doesNotContain("PodDeleted by kubelet");
    assertThat(delete.timeline)
        .filteredOn(e -> "PodDeletionRequested".equals(e.reason))
        .as("one pod deleted, never a second")
        .hasSize(1);
  }

  @Test
  void everyTimelineIsInCausalOrderWithTheRequestFirstAndNoChainMixesPods() {
    for (String file : EXAMPLES.keySet()) {
      String name = file.substring(3, file.length() - ".yaml".length());
      ClusterTour tour = Tours.awaitCompleted(client, name, LIMIT);
      for (StopStatus stop : tour.getStatus().stops) {
        List<TimelineEntry> t = stop.timeline;
        for (int i = 0; i < t.size(); i++) {
          TimelineEntry e = t.get(i);
          assertThat(e.order).as(name + "/" + stop.name + " order").isEqualTo(i + 1);
          if (i > 0 && e.offsetMs != null && t.get(i - 1).offsetMs != null) {
            assertThat(e.offsetMs)
                .as(name + "/" + stop.name + " happened-by times never decrease at #" + (i + 1))
                .isGreaterThanOrEqualTo(t.get(i - 1).offsetMs);
          }
          if (i > 0 && e.revision != null && t.get(i - 1).revision != null) {
            assertThat(e.revision)
                .as(name + "/" + stop.name + " writes in etcd revision order")
                .isGreaterThanOrEqualTo(t.get(i - 1).revision);
          }
        }
        boolean acts = stop.type != Stop.StopType.Inventory && stop.state != StopState.Failed;
        if (acts && !t.isEmpty()) {
          // first comes the request; only entries written before it (the previous stop's tail,
          // received late) may be listed above it
          TimelineEntry request =
              t.stream().filter(e -> "request".equals(e.source)).findFirst().orElse(null);
          assertThat(request).as(name + "/" + stop.name + ": the operator's request").isNotNull();
          for (TimelineEntry e : t.subList(0, t.indexOf(request))) {
            // by etcd revision, or (an audited request of another component) by the clocks,
            // directly or through other entries
            assertThat(ProvenOrder.writtenBefore(t, e, request))
                .as(name + "/" + stop.name + ": " + e.reason + " listed before the request")
                .isTrue();
          }
        }
        for (FlowStepResult f : stop.flow) {
          if (f.evidence != null && f.evidence.contains("; then ")) {
            assertThat(
                    java.util.regex.Pattern.compile("Pod/[a-z0-9-]+")
                        .matcher(f.evidence)
                        .results()
                        .map(java.util.regex.MatchResult::group)
                        .distinct()
                        .count())
                .as(name + "/" + stop.name + " " + f.step + " joins pods with then: " + f.evidence)
                .isLessThanOrEqualTo(1);
          }
        }
      }
    }
  }

  @Test
  void scalingDownShowsWhoDeletesPods() {
    ClusterTour tour = Tours.awaitCompleted(client, "scale", LIMIT);
    assertThat(Tours.stop(tour, "scale-up").state).isEqualTo(StopState.Completed);
    StopStatus down = Tours.stop(tour, "scale-down");
    assertThat(down.state).isEqualTo(StopState.Completed);
    assertThat(reasons(down)).contains("replicaset-controller/SuccessfulDelete");
  }

  @Test
  void jobRunsToCompletion() {
    ClusterTour tour = Tours.awaitCompleted(client, "job", LIMIT);
    StopStatus job = Tours.stop(tour, "hello");
    assertThat(job.state).isEqualTo(StopState.Completed);
    assertThat(reasons(job))
        .contains("job-controller/SuccessfulCreate", "job-controller/Completed");
    assertThat(verdicts(job, "C15")).contains(Verdict.Observed);
  }

  @Test
  void serviceGetsEndpointSlicesSilently() {
    ClusterTour tour = Tours.awaitCompleted(client, "service", LIMIT);
    StopStatus expose = Tours.stop(tour, "expose");
    assertThat(expose.state).isEqualTo(StopState.Completed);
    assertThat(reasons(expose)).contains("endpointslice-controller/EndpointSliceReady");
    assertThat(verdicts(expose, "C16")).contains(Verdict.Observed);
  }

  @Test
  void badImageDivergesWhereThePullFails() {
    ClusterTour tour = Tours.awaitCompleted(client, "failure-bad-image", LIMIT);
    StopStatus web = Tours.stop(tour, "web");
    assertThat(web.state).isEqualTo(StopState.Diverged);
    assertThat(web.reason).isIn("ErrImagePull", "ImagePullBackOff", "Failed");
    assertThat(Tours.condition(tour, "MatchesDocumentation")).contains("False");
    assertThat(verdicts(web, "C05"))
        .as("the pod was bound and the kubelet acted on it: the myth is contradicted anyway")
        .contains(Verdict.Contradicted);
    assertThat(verdicts(web, "C06")).contains(Verdict.Contradicted);
    assertThat(verdicts(web, "C11")).as("the container never ran").contains(Verdict.NotReached);
    assertThat(web.flow).noneMatch(f -> f.verdict == Verdict.Missing);
  }

  @Test
  void unschedulablePodDivergesAtTheScheduler() {
    ClusterTour tour = Tours.awaitCompleted(client, "failure-unschedulable", LIMIT);
    StopStatus web = Tours.stop(tour, "web");
    assertThat(web.state).isEqualTo(StopState.Diverged);
    assertThat(web.reason).isEqualTo("FailedScheduling");
    assertThat(reasons(web)).contains("default-scheduler/FailedScheduling");
    assertThat(verdicts(web, "C06")).contains(Verdict.Contradicted);
    assertThat(verdicts(web, "C05")).as("nothing was bound").contains(Verdict.NotReached);
  }

  @Test
  void learnersOwnBeliefIsGraded() {
    ClusterTour tour = Tours.awaitCompleted(client, "my-own-belief", LIMIT);
    StopStatus web = Tours.stop(tour, "web");
    assertThat(web.flow).hasSize(4);
    assertThat(web.flow.get(0).verdict).isEqualTo(Verdict.Observed);
    assertThat(web.flow.get(2).verdict)
        .as("the API server does not pick nodes; the scheduler does")
        .isEqualTo(Verdict.Contradicted);
    assertThat(web.flow.get(2).evidence).contains("default-scheduler");
  }

  @Test
  void koreanTourSpeaksKorean() {
    ClusterTour tour = Tours.awaitCompleted(client, "korean-tour", LIMIT);
    assertThat(Tours.stop(tour, "web").flow)
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.claimText).containsPattern("[\\uAC00-\\uD7A3]"));
  }

  @Test
  void metricsDescribeTheToursWithLowCardinality() throws Exception {
    Tours.awaitCompleted(client, "first-tour", LIMIT);
    Tours.awaitCompleted(client, "failure-unschedulable", LIMIT);
    String metrics =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(operator.url("/metrics")))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(metrics)
        .contains("clustertour_stop_duration_seconds_bucket{")
        .contains("clustertour_flow_step_latency_seconds_bucket{")
        .contains("clustertour_verdicts_total{")
        .contains("clustertour_events_observed_total{component=\"default-scheduler\"")
        .contains("clustertour_observation_lag_seconds_count")
        .contains("jvm_memory_used_bytes");
    assertThat(metrics).as("no per-tour labels").doesNotContain("first-tour");
  }

  @Test
  void everyExamplesPageShowsBothDiagramsInABrowser() {
    List<String> urls = new ArrayList<>();
    for (String name : tourNames()) {
      ClusterTour tour = Tours.awaitCompleted(client, name, LIMIT);
      assertThat(tour.getStatus().stops).isNotEmpty();
      urls.add(operator.url("/tours/" + name));
    }
    Browser.Result result = Browser.check(urls, Path.of("target/browser/examples"), false);
    assertThat(result.exit()).as(result.log()).isZero();
    assertThat(result.pages()).hasSize(EXAMPLES.size());
    for (JsonNode page : result.pages()) {
      assertThat(page.get("stops")).as(page.get("url").asText()).isNotEmpty();
      assertThat(page.get("failure")).as(page.get("url").asText()).isNull();
    }
  }

  /** The tours' names: each example file is named after its tour. */
  private static List<String> tourNames() {
    return EXAMPLES.keySet().stream()
        .sorted()
        .map(file -> file.substring(3, file.length() - ".yaml".length()))
        .toList();
  }

  private static Set<String> reasons(StopStatus stop) {
    return stop.timeline.stream()
        .map((TimelineEntry e) -> e.component + "/" + e.reason)
        .collect(Collectors.toSet());
  }

  private static List<Verdict> verdicts(StopStatus stop, String claim) {
    return Tours.claim(stop, claim).stream().map(f -> f.verdict).toList();
  }
}
