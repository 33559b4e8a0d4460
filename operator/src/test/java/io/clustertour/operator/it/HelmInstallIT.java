package io.clustertour.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Release;
import io.clustertour.operator.OperatorRuntime;
import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.testsupport.Crds;
import io.clustertour.operator.testsupport.GrantedRules;
import io.clustertour.operator.testsupport.GrantedRules.Grant;
import io.clustertour.operator.testsupport.HelmChart;
import io.clustertour.operator.testsupport.HelmReleases;
import io.clustertour.operator.testsupport.OperatorImage;
import io.clustertour.operator.testsupport.RealCluster;
import io.clustertour.operator.testsupport.ServiceMonitorCrd;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The operator as users run it: the packaged chart ({@code helm package}, as {@code make
 * chart-package} makes it) installed with the image this build made, into a namespace that enforces
 * the restricted Pod Security Standard. The in-cluster operator completes the first tour as the
 * NOTES print it, passes {@code helm test}, serves /metrics through its Service, holds exactly the
 * permissions docs/rbac.md lists, and {@code helm uninstall} leaves only the CRD.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HelmInstallIT {
  static final String NAMESPACE = "clustertour-helm-it";
  static final String RELEASE = "clustertour";
  static final String FULLNAME = "clustertour-cluster-tour-operator";
  static final String TOUR = "helm-first-tour";
  static final String TOUR_NAMESPACE = "tour-helm-first";
  static final Map<String, String> RELEASE_LABEL = Map.of("app.kubernetes.io/instance", RELEASE);

  /** Series that exist only after their first event: a failed reconcile, a GC pause. */
  static final Set<String> REGISTERED_ON_FIRST_USE =
      Set.of("operator_sdk_reconciliations_failed_total", "jvm_gc_pause_seconds");

  private KubernetesClient client;
  private Path kubeconfig;
  private ServiceMonitorCrd serviceMonitors;
  private Release release;
  private Path chart;

  @BeforeAll
  void install() {
    client = RealCluster.client();
    kubeconfig = RealCluster.kubeconfigPath().orElseThrow();
    OperatorImage.Ref image = OperatorImage.provide(kubeconfig);
    removeLeftovers();
    client
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(NAMESPACE)
                .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                .addToLabels("pod-security.kubernetes.io/enforce-version", "latest")
                .endMetadata()
                .build())
        .create();
    serviceMonitors = ServiceMonitorCrd.ensure(client);
    // Helm creates crds/ only when the CRD is absent and never upgrades it; an older build's CRD
    // on this cluster would reject the status this build writes. Applying it first is what the
    // install guides tell users to do on every upgrade.
    Crds.install(client);
    // what users install: the packaged chart (make chart-package; helm push takes the same .tgz)
    chart = HelmChart.packaged(Path.of("target/chart"));
    release =
        com.marcnuri.helm.Helm.install(chart.toString())
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeConfig(kubeconfig)
            .withValuesFile(HelmChart.DIR.resolve("ci/monitoring-values.yaml"))
            .set("image.repository", image.repository())
            .set("image.tag", image.tag())
            .set("image.pullPolicy", image.pullPolicy())
            // one replica that still elects itself: exercises the Lease Role in the cluster
            .set("leaderElection.enabled", true)
            .waitReady()
            .withTimeout(300)
            .call();
  }

  @AfterAll
  void cleanUp() {
    if (client == null) {
      return;
    }
    client.resources(ClusterTour.class).withName(TOUR).delete();
    removeLeftovers();
    if (serviceMonitors != null) {
      serviceMonitors.close();
    }
  }

  @Test
  @Order(1)
  void installTellsTheLearnerWhatToApplyNext() throws IOException {
    assertThat(chart.getFileName().toString()).matches("cluster-tour-operator-.+\\.tgz");
    assertThat(release.getStatus()).isEqualTo("deployed");
    assertThat(HelmChart.inlineTour(release.getOutput()))
        .isEqualTo(Files.readString(Path.of("../examples/01-first-tour.yaml")));
    assertThat(release.getOutput())
        .contains("helm test " + RELEASE + " -n " + NAMESPACE)
        .contains("kubectl get ct")
        .contains("port-forward svc/" + FULLNAME)
        .doesNotContain("no ServiceMonitor was created");
  }

  @Test
  @Order(2)
  void operatorPodIsReadyAsNonRootInARestrictedNamespace() {
    List<Pod> pods =
        client.pods().inNamespace(NAMESPACE).withLabels(RELEASE_LABEL).list().getItems();
    assertThat(pods).hasSize(1);
    Pod pod = pods.get(0);
    assertThat(pod.getStatus().getConditions())
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(65532L);
    assertThat(
            pod.getSpec().getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem())
        .isTrue();
    Lease lease = client.leases().inNamespace(NAMESPACE).withName(OperatorRuntime.LEASE_NAME).get();
    assertThat(lease).as("leader election Lease").isNotNull();
    assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(pod.getMetadata().getName());
  }

  @Test
  @Order(3)
  void serviceMonitorSelectsTheMetricsService() {
    GenericKubernetesResource sm =
        client
            .genericKubernetesResources("monitoring.coreos.com/v1", "ServiceMonitor")
            .inNamespace(NAMESPACE)
            .withName(FULLNAME)
            .get();
    assertThat(sm).isNotNull();
    Map<String, String> selector = sm.get("spec", "selector", "matchLabels");
    assertThat(
            client
                .services()
                .inNamespace(NAMESPACE)
                .withName(FULLNAME)
                .get()
                .getMetadata()
                .getLabels())
        .containsAllEntriesOf(selector);
  }

  @Test
  @Order(4)
  void inClusterOperatorCompletesTheFirstTour() throws IOException {
    // the tour exactly as the install's NOTES print it, renamed so as not to meet a learner's
    String yaml =
        HelmChart.inlineTour(release.getOutput())
            .replace("name: first-tour", "name: " + TOUR)
            .replace("tour-first", TOUR_NAMESPACE);
    client.resource(yaml).create();
    try {
      await("tour " + TOUR + " Completed=True")
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> "True".equals(condition(tour(), "Completed")));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "tour did not complete; status: "
              + (tour() == null ? null : tour().getStatus())
              + "\noperator log:\n"
              + operatorLog(),
          e);
    }
    assertThat(tour().getStatus().cluster.leaderLeases)
        .as("kube-system Leases readable through the chart's Role")
        .isNotEmpty()
        .noneMatch(l -> l.contains("not readable"));
  }

  @Test
  @Order(5)
  void metricsAndWebViewAnswerThroughTheService() throws IOException {
    String metrics = throughService("metrics");
    Set<String> served = new TreeSet<>();
    metrics.lines().filter(l -> !l.startsWith("#")).forEach(l -> served.add(l.split("[{ ]")[0]));
    Set<String> expected =
        new TreeSet<>(
            List.of(
                "clustertour_tours",
                "clustertour_stop_duration_seconds_count",
                "clustertour_verdicts_total",
                "clustertour_flow_step_latency_seconds_bucket",
                "clustertour_events_observed_total",
                "clustertour_observation_lag_seconds_count",
                "operator_sdk_reconciliations_started_total",
                "jvm_memory_used_bytes"));
    // the dashboard's series, as histograms expose them
    for (String name : dashboardMetrics()) {
      if (!REGISTERED_ON_FIRST_USE.contains(name)) {
        expected.add(served.contains(name + "_bucket") ? name + "_bucket" : name);
      }
    }
    expected.removeAll(served);
    assertThat(expected)
        .as("metrics the operator should serve (and the dashboard queries)")
        .isEmpty();
    assertThat(metrics).contains("clustertour_tours{state=\"Completed\"}");
    assertThat(throughService("")).contains(TOUR);
  }

  @Test
  @Order(6)
  void helmTestPassesAndCleansUpAfterItself() {
    String name = FULLNAME + "-test";
    try {
      Release tested =
          com.marcnuri.helm.Helm.test(RELEASE)
              .withNamespace(NAMESPACE)
              .withKubeConfig(kubeconfig)
              .withTimeout(300)
              .call();
      assertThat(tested.getStatus()).isEqualTo("deployed");
    } catch (RuntimeException e) {
      ClusterTour tour = client.resources(ClusterTour.class).withName(name).get();
      Pod pod = client.pods().inNamespace(NAMESPACE).withName(name).get();
      throw new AssertionError(
          "helm test failed: "
              + e.getMessage()
              + "\ntest tour status: "
              + (tour == null ? null : tour.getStatus())
              + "\ntest pod log:\n"
              + (pod == null
                  ? "(no pod)"
                  : client.pods().inNamespace(NAMESPACE).withName(name).getLog())
              + "\noperator log:\n"
              + operatorLog(),
          e);
    }
    // hook-delete-policy hook-succeeded: the tour (finalizer removed by the operator), the pod and
    // the test RBAC are gone once the test passed
    await("helm test's objects deleted")
        .atMost(Duration.ofMinutes(1))
        .untilAsserted(
            () -> {
              assertThat(client.resources(ClusterTour.class).withName(name).get()).isNull();
              assertThat(client.pods().inNamespace(NAMESPACE).withName(name).get()).isNull();
              assertThat(client.rbac().clusterRoles().withName(name).get()).isNull();
              assertThat(client.rbac().clusterRoleBindings().withName(name).get()).isNull();
              assertThat(client.serviceAccounts().inNamespace(NAMESPACE).withName(name).get())
                  .isNull();
            });
  }

  @Test
  @Order(7)
  void permissionsAreExactlyTheOnesDocumented() throws IOException {
    String sa = FULLNAME;
    Path doc = Path.of("../docs/rbac.md");
    assertSameGrants(
        granted(sa, NAMESPACE),
        GrantedRules.fromDoc(doc, Set.of("cluster", "release namespace")),
        NAMESPACE);
    assertSameGrants(
        granted(sa, "kube-system"),
        GrantedRules.fromDoc(doc, Set.of("cluster", "kube-system")),
        "kube-system");
  }

  @Test
  @Order(8)
  void operatorWasNeverDenied() {
    String log = operatorLog();
    assertThat(log).isNotBlank();
    assertThat(log.toLowerCase()).doesNotContain("forbidden").doesNotContain(" 403");
  }

  @Test
  @Order(9)
  void deletedTourAndUninstalledChartLeaveOnlyTheCrd() {
    client.resources(ClusterTour.class).withName(TOUR).delete();
    await("tour deleted (the operator removed its finalizer)")
        .atMost(Duration.ofMinutes(1))
        .until(() -> tour() == null);
    com.marcnuri.helm.Helm.uninstall(RELEASE)
        .withNamespace(NAMESPACE)
        .withKubeConfig(kubeconfig)
        .call();
    await("the release's objects are gone")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> leftovers().isEmpty());
    assertThat(
            client
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName("clustertours.clustertour.io")
                .get())
        .as("Helm keeps CRDs from crds/ on uninstall")
        .isNotNull();
  }

  /** Everything the release made that still exists; the runtime Lease is released, not deleted. */
  private List<String> leftovers() {
    List<HasMetadata> found = new ArrayList<>();
    found.addAll(client.apps().deployments().inNamespace(NAMESPACE).list().getItems());
    found.addAll(client.pods().inNamespace(NAMESPACE).list().getItems());
    found.addAll(client.services().inNamespace(NAMESPACE).list().getItems());
    found.addAll(
        client.configMaps().inNamespace(NAMESPACE).withLabels(RELEASE_LABEL).list().getItems());
    found.addAll(
        client
            .serviceAccounts()
            .inNamespace(NAMESPACE)
            .withLabels(RELEASE_LABEL)
            .list()
            .getItems());
    found.addAll(
        client.secrets().inNamespace(NAMESPACE).withLabel("owner", "helm").list().getItems());
    for (String ns : List.of(NAMESPACE, "kube-system")) {
      found.addAll(
          client.rbac().roles().inNamespace(ns).withLabels(RELEASE_LABEL).list().getItems());
      found.addAll(
          client.rbac().roleBindings().inNamespace(ns).withLabels(RELEASE_LABEL).list().getItems());
    }
    found.addAll(client.rbac().clusterRoles().withLabels(RELEASE_LABEL).list().getItems());
    found.addAll(client.rbac().clusterRoleBindings().withLabels(RELEASE_LABEL).list().getItems());
    found.addAll(
        client
            .genericKubernetesResources(SERVICE_MONITORS)
            .inNamespace(NAMESPACE)
            .list()
            .getItems());
    return found.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
  }

  private static final ResourceDefinitionContext SERVICE_MONITORS =
      new ResourceDefinitionContext.Builder()
          .withGroup("monitoring.coreos.com")
          .withVersion("v1")
          .withKind("ServiceMonitor")
          .withPlural("servicemonitors")
          .withNamespaced(true)
          .build();

  private static void assertSameGrants(
      Set<Grant> granted, Set<Grant> documented, String namespace) {
    Set<Grant> undocumented = new TreeSet<>(granted);
    undocumented.removeAll(documented);
    Set<Grant> notGranted = new TreeSet<>(documented);
    notGranted.removeAll(granted);
    assertThat(undocumented)
        .as("kubectl auth can-i --list -n %s shows grants docs/rbac.md does not list", namespace)
        .isEmpty();
    assertThat(notGranted)
        .as("docs/rbac.md lists grants kubectl auth can-i --list -n %s does not show", namespace)
        .isEmpty();
  }

  /** The SA's grants minus what every authenticated ServiceAccount may do anyway. */
  private Set<Grant> granted(String sa, String namespace) {
    Set<Grant> grants = new TreeSet<>(GrantedRules.review(kubeconfig, NAMESPACE, sa, namespace));
    grants.removeAll(
        GrantedRules.review(kubeconfig, NAMESPACE, "clustertour-rbac-baseline", namespace));
    return grants;
  }

  private String throughService(String path) {
    return client.raw(
        "/api/v1/namespaces/" + NAMESPACE + "/services/" + FULLNAME + ":http/proxy/" + path);
  }

  /** Metric names the dashboard's queries use, without histogram suffixes. */
  static Set<String> dashboardMetrics() throws IOException {
    String dash = Files.readString(HelmChart.DIR.resolve("dashboards/clustertour.json"));
    Set<String> names = new TreeSet<>();
    Matcher m =
        Pattern.compile("\\b((?:clustertour|operator_sdk|jvm|process)_[a-z_]+)\\b").matcher(dash);
    while (m.find()) {
      names.add(m.group(1).replaceAll("_(bucket|count|sum)$", ""));
    }
    return names;
  }

  private ClusterTour tour() {
    return client.resources(ClusterTour.class).withName(TOUR).get();
  }

  private static String condition(ClusterTour tour, String type) {
    if (tour == null || tour.getStatus() == null) {
      return null;
    }
    return tour.getStatus().conditions.stream()
        .filter(c -> type.equals(c.getType()))
        .map(c -> c.getStatus())
        .findFirst()
        .orElse(null);
  }

  private String operatorLog() {
    return HelmReleases.operatorLog(client, RELEASE, NAMESPACE);
  }

  /** A release or namespace left by an interrupted earlier run would make the install fail. */
  private void removeLeftovers() {
    HelmReleases.remove(client, kubeconfig, RELEASE, NAMESPACE);
  }
}
