package io.clustertour.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.StopState;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.testsupport.Crds;
import io.clustertour.operator.testsupport.GeneratedSection;
import io.clustertour.operator.testsupport.OperatorProcess;
import io.clustertour.operator.testsupport.RealCluster;
import io.clustertour.operator.testsupport.TourWatch;
import io.clustertour.operator.testsupport.Tours;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tours that pass admission but cannot work (what the CRD's rules cannot know: the cluster's state)
 * end in a clear Failed or Diverged stop, and nothing outside the tours' own namespaces changes.
 * The table of inputs and outcomes goes to docs/reliability.md, next to AdmissionIT's.
 */
class FaultBadInputIT {
  private static final String FOREIGN = "rt-learner";
  private static KubernetesClient client;

  /** One tour: its input, the stop that must fail, the states and reasons accepted. */
  record Case(
      String tour,
      String what,
      String stops,
      String stop,
      Set<StopState> states,
      Set<String> reasons) {}

  static List<Case> cases() {
    String ns = "  - {name: namespace, type: Namespace, namespace: {name: %s}}\n";
    String web =
        "  - name: web\n    type: Deployment\n    deployment: {name: web, namespace: %s, %s}\n";
    return List.of(
        new Case(
            "rt-foreign-namespace",
            "a namespace that already exists and is not the tour's",
            ns.formatted(FOREIGN) + web.formatted(FOREIGN, "image: busybox:1.36"),
            "namespace",
            Set.of(StopState.Failed),
            Set.of("NamespaceNotOwned")),
        new Case(
            "rt-prerequisite",
            "a Deployment in that namespace (the stop it builds on failed)",
            ns.formatted(FOREIGN) + web.formatted(FOREIGN, "image: busybox:1.36"),
            "web",
            Set.of(StopState.Failed),
            Set.of("PrerequisiteFailed")),
        new Case(
            "rt-bad-image",
            "an image that does not exist",
            ns.formatted("rt-bad-image")
                + web.formatted("rt-bad-image", "image: registry.invalid/nothing/here:0.0.1"),
            "web",
            Set.of(StopState.Diverged),
            Set.of("ErrImagePull", "ImagePullBackOff", "Failed")),
        new Case(
            "rt-never-pull",
            "imagePullPolicy Never for an image the node does not have",
            ns.formatted("rt-never-pull")
                + web.formatted(
                    "rt-never-pull", "image: busybox:0.0.0-missing, imagePullPolicy: Never"),
            "web",
            Set.of(StopState.Diverged),
            Set.of("ErrImageNeverPull", "Failed")),
        new Case(
            "rt-cpu",
            "a CPU request no node can satisfy",
            ns.formatted("rt-cpu")
                + web.formatted("rt-cpu", "image: busybox:1.36, cpuRequest: '1000'"),
            "web",
            Set.of(StopState.Diverged),
            Set.of("FailedScheduling")),
        new Case(
            "rt-memory",
            "a memory request no node can satisfy",
            ns.formatted("rt-memory")
                + web.formatted("rt-memory", "image: busybox:1.36, memoryRequest: 100Ti"),
            "web",
            Set.of(StopState.Diverged),
            Set.of("FailedScheduling")),
        new Case(
            "rt-crash",
            "a container that exits at once",
            ns.formatted("rt-crash")
                + web.formatted("rt-crash", "image: busybox:1.36, command: [sh, -c, 'exit 3']"),
            "web",
            Set.of(StopState.Diverged),
            Set.of("BackOff", "CrashLoopBackOff", "Error")),
        new Case(
            "rt-job",
            "a Job whose command fails",
            ns.formatted("rt-job")
                + "  - name: job\n    type: Job\n    job: {name: fail, namespace: rt-job,"
                + " image: busybox:1.36, command: [sh, -c, 'exit 1'], backoffLimit: 0}\n",
            "job",
            Set.of(StopState.Diverged),
            Set.of("BackoffLimitExceeded", "JobFailed")));
  }

  @BeforeAll
  static void setUp() {
    client = RealCluster.client();
    Crds.install(client);
  }

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void toursAdmissionCannotJudgeEndInAClearFailureAndTouchNothingElse() {
    List<Case> cases = cases();
    String[] tours = cases.stream().map(Case::tour).toArray(String[]::new);
    Set<String> tourNamespaces =
        cases.stream()
            .map(c -> c.tour().replace("rt-foreign-namespace", FOREIGN))
            .filter(n -> !n.equals("rt-prerequisite"))
            .collect(Collectors.toSet());
    try (OperatorProcess operator = OperatorProcess.start()) {
      try {
        TourWatch.deleteAll(client, tours, tourNamespaces.toArray(String[]::new));
        Namespace learner = createLearnerNamespace();
        Map<String, Map<String, String>> before = namespaces();
        for (Case c : cases) {
          TourWatch.recreate(client, yaml(c));
        }
        await("every tour ended")
            .atMost(Duration.ofMinutes(5))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () ->
                    cases.stream()
                        .allMatch(
                            c ->
                                Tours.condition(
                                        Tours.api(client).withName(c.tour()).get(), "Completed")
                                    .filter("True"::equals)
                                    .isPresent()));

        StringBuilder md = new StringBuilder(header(client));
        for (Case c : cases) {
          ClusterTour t = Tours.api(client).withName(c.tour()).get();
          StopStatus s = Tours.stop(t, c.stop());
          md.append("| ")
              .append(c.what())
              .append(" | ")
              .append(c.stop())
              .append(" | ")
              .append(s.state)
              .append(" | ")
              .append(s.reason)
              .append(" | ")
              .append(stable(s.message))
              .append(" |\n");
          assertThat(s.state).as("%s: %s", c.what(), s.message).isIn(c.states());
          assertThat(s.reason).as("%s: %s", c.what(), s.message).isIn(c.reasons());
          assertThat(s.message).as(c.what()).isNotBlank();
        }
        GeneratedSection.write(
            Path.of("../docs/reliability.md"), "runtime", "Reliability", md.toString());

        // Other tests may share the cluster: judge only what these tours could have done.
        assertThat(namespaces().keySet()).as("no namespace vanished").isEqualTo(before.keySet());
        before.forEach(
            (name, labels) ->
                assertThat(client.namespaces().withName(name).get().getMetadata().getLabels())
                    .as("labels of namespace %s", name)
                    .isEqualTo(labels));
        Set<String> tourSet = Set.of(tours);
        assertThat(
                client.namespaces().withLabel(ClusterTour.TOUR_LABEL).list().getItems().stream()
                    .filter(
                        n ->
                            tourSet.contains(
                                n.getMetadata().getLabels().get(ClusterTour.TOUR_LABEL)))
                    .map(n -> n.getMetadata().getName()))
            .as("namespaces these tours created")
            .allMatch(tourNamespaces::contains);
        Namespace now = client.namespaces().withName(FOREIGN).get();
        assertThat(now.getMetadata().getLabels()).isEqualTo(learner.getMetadata().getLabels());
        assertThat(now.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(now.getMetadata().getResourceVersion())
            .as("the learner's namespace was not written")
            .isEqualTo(learner.getMetadata().getResourceVersion());
        assertThat(client.apps().deployments().inNamespace(FOREIGN).list().getItems()).isEmpty();
        assertThat(client.configMaps().inNamespace(FOREIGN).withName("notes").get().getData())
            .containsEntry("keep", "me");
      } finally {
        TourWatch.deleteAll(
            client,
            tours,
            tourNamespaces.stream().filter(n -> !n.equals(FOREIGN)).toArray(String[]::new));
        client.namespaces().withName(FOREIGN).delete();
      }
    }
  }

  /** The message without generated pod names and UIDs, so the page changes only with behaviour. */
  static String stable(String message) {
    return String.valueOf(message)
        .replaceAll("-[a-z0-9]{8,10}-[a-z0-9]{5}(?![a-z0-9])", "-…")
        .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "…")
        .replace("|", "\\|")
        .replace("\n", " ");
  }

  private static String yaml(Case c) {
    return "apiVersion: clustertour.io/v1alpha1\nkind: ClusterTour\nmetadata: {name: "
        + c.tour()
        + "}\nspec:\n  timeoutSeconds: 90\n  stops:\n"
        + c.stops();
  }

  private static Namespace createLearnerNamespace() {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(FOREIGN)
                .withLabels(Map.of("owner", "learner"))
                .endMetadata()
                .build())
        .create();
    client
        .configMaps()
        .inNamespace(FOREIGN)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("notes")
                .endMetadata()
                .withData(Map.of("keep", "me"))
                .build())
        .create();
    return client.namespaces().withName(FOREIGN).get();
  }

  /**
   * The cluster's own namespaces and the learner's, with their labels (other tests sharing the
   * cluster create and delete namespaces of their own).
   */
  private static Map<String, Map<String, String>> namespaces() {
    Map<String, Map<String, String>> all = new TreeMap<>();
    for (String name :
        List.of("default", "kube-system", "kube-public", "kube-node-lease", FOREIGN)) {
      Namespace n = client.namespaces().withName(name).get();
      if (n != null) {
        all.put(name, n.getMetadata().getLabels());
      }
    }
    return all;
  }

  private static String header(KubernetesClient client) {
    return "## Bad input only the cluster can reveal\n\n"
        + "Generated by `FaultBadInputIT` against the real cluster ("
        + client.getKubernetesVersion().getGitVersion()
        + ") with the operator running. Each tour below passes admission; the operator ends the"
        + " stop named with a reason and a message instead of retrying for ever, and no namespace"
        + " other than the tours' own is created, changed or written into (the learner's"
        + " namespace keeps its resourceVersion). Generated pod names are shortened to `-…`.\n\n"
        + "| input | stop | state | reason | message |\n|---|---|---|---|---|\n";
  }
}
