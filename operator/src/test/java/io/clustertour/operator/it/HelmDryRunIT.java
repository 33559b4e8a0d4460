package io.clustertour.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Release;
import io.clustertour.operator.testsupport.Crds;
import io.clustertour.operator.testsupport.HelmChart;
import io.clustertour.operator.testsupport.RealCluster;
import io.clustertour.operator.testsupport.ServiceMonitorCrd;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every documented rendering of the chart is accepted by the real API server (server-side dry-run:
 * schema, defaulting and admission, nothing stored), its operator pod passes the restricted Pod
 * Security Standard, and the ServiceMonitor appears exactly when the cluster serves its API.
 */
class HelmDryRunIT {
  private static final String NAMESPACE = "clustertour-helm-dryrun";
  private static final String RELEASE = "dryrun";
  private static final String FIELD_MANAGER = "clustertour-tests";

  private static KubernetesClient client;

  static Stream<Optional<Path>> combinations() {
    return HelmChartIT.combinations();
  }

  @BeforeAll
  static void restrictedNamespace() {
    client = RealCluster.client();
    Namespace ns =
        new NamespaceBuilder()
            .withNewMetadata()
            .withName(NAMESPACE)
            .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
            .addToLabels("pod-security.kubernetes.io/enforce-version", "latest")
            .endMetadata()
            .build();
    client.resource(ns).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    // the helm test hook and the NOTES' inline tour are ClusterTours: the API server checks them
    // against this build's CRD
    Crds.install(client);
    // ci/existing-serviceaccount-values.yaml expects the admin to have made this one
    client
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName("clustertour-operator")
                .withNamespace(NAMESPACE)
                .endMetadata()
                .build())
        .fieldManager(FIELD_MANAGER)
        .forceConflicts()
        .serverSideApply();
  }

  @AfterAll
  static void removeNamespace() {
    if (client != null) {
      client.namespaces().withName(NAMESPACE).delete();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void apiServerAcceptsEveryRenderedObject(Optional<Path> values) {
    HelmChart.Rendering r = HelmChart.renderWithHooks(RELEASE, NAMESPACE, values, Map.of());
    // the helm test pod (a Pod, not a template) is admitted only once its ServiceAccount exists
    createServiceAccounts(r);
    for (HasMetadata o : r.objects()) {
      HasMetadata accepted =
          client
              .resource(o)
              .dryRun()
              .fieldManager(FIELD_MANAGER)
              .forceConflicts()
              .serverSideApply();
      assertThat(accepted.getMetadata().getName())
          .as("%s accepted", o.getKind())
          .isEqualTo(o.getMetadata().getName());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void operatorPodPassesTheRestrictedPodSecurityStandard(Optional<Path> values) {
    HelmChart.Rendering r = HelmChart.render(RELEASE, NAMESPACE, values, Map.of());
    Deployment d = r.one(Deployment.class);
    createServiceAccounts(r);
    // PodSecurity only warns about Deployments; it enforces on Pods, so dry-run the pod itself.
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("dryrun-operator")
            .withNamespace(NAMESPACE)
            .withLabels(d.getSpec().getTemplate().getMetadata().getLabels())
            .endMetadata()
            .withSpec(d.getSpec().getTemplate().getSpec())
            .build();
    Pod accepted = client.resource(pod).dryRun().create();
    assertThat(accepted.getSpec().getContainers().get(0).getSecurityContext().getRunAsNonRoot())
        .isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void helmTestPodPassesTheRestrictedPodSecurityStandard(Optional<Path> values) {
    HelmChart.Rendering r = HelmChart.renderWithHooks(RELEASE, NAMESPACE, values, Map.of());
    createServiceAccounts(r);
    Pod pod = r.hooks().one(Pod.class);
    Pod accepted = client.resource(pod).dryRun().create();
    assertThat(accepted.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
  }

  @Test
  void firstTourPrintedByTheNotesIsAValidClusterTour() {
    String tour = HelmChart.inlineTour(serverDryRunNotes());
    HasMetadata accepted =
        client
            .resource(tour)
            .dryRun()
            .fieldManager(FIELD_MANAGER)
            .forceConflicts()
            .serverSideApply();
    assertThat(accepted.getKind()).isEqualTo("ClusterTour");
    assertThat(accepted.getMetadata().getName()).isEqualTo("first-tour");
  }

  /** A pod needs its ServiceAccount to exist; this throw-away namespace may hold them for real. */
  private static void createServiceAccounts(HelmChart.Rendering r) {
    r.all(ServiceAccount.class)
        .forEach(
            sa ->
                client.resource(sa).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply());
  }

  @Test
  void restrictedNamespaceRejectsAPodThatIsNot() {
    Pod root =
        new PodBuilder()
            .withNewMetadata()
            .withName("dryrun-root")
            .withNamespace(NAMESPACE)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("c")
            .withImage("busybox:1.36")
            .endContainer()
            .endSpec()
            .build();
    // the check above is only worth something if this namespace really enforces "restricted"
    try {
      client.resource(root).dryRun().create();
      throw new AssertionError("an unrestricted pod was admitted to " + NAMESPACE);
    } catch (KubernetesClientException e) {
      assertThat(e.getCode()).isEqualTo(403);
      assertThat(e.getMessage()).contains("restricted");
    }
  }

  @Test
  void chartCrdIsAcceptedAsIs() throws IOException {
    Path crdFile = HelmChart.DIR.resolve("crds/clustertours.clustertour.io-v1.yml");
    try (InputStream in = Files.newInputStream(crdFile)) {
      CustomResourceDefinition crd =
          client.apiextensions().v1().customResourceDefinitions().load(in).item();
      CustomResourceDefinition accepted =
          client
              .resource(crd)
              .dryRun()
              .fieldManager(FIELD_MANAGER)
              .forceConflicts()
              .serverSideApply();
      assertThat(accepted.getSpec().getNames().getKind()).isEqualTo("ClusterTour");
    }
  }

  @Test
  void serviceMonitorFollowsTheClusterCapability() {
    boolean servedBefore =
        client
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName("servicemonitors.monitoring.coreos.com")
                .get()
            != null;
    if (!servedBefore) {
      assertThat(serverDryRunNotes()).contains("no ServiceMonitor was created");
    }
    try (ServiceMonitorCrd crd = ServiceMonitorCrd.ensure(client)) {
      await("helm sees monitoring.coreos.com/v1")
          .atMost(Duration.ofSeconds(30))
          .until(() -> !serverDryRunNotes().contains("no ServiceMonitor was created"));
    }
  }

  @Test
  void evidenceNotesNameTheAddressesTheApiServerMustBeGiven() {
    assertThat(serverDryRunNotes("notes", "evidence", Map.of()))
        .contains("https://10.96.0.200:443/audit")
        .contains("kubelets' 10.96.0.200:4317")
        .contains("hack/evidence-config.sh");
    assertThat(
            serverDryRunNotes(
                "notes",
                "evidence",
                Map.of("evidence.service.type", "NodePort", "evidence.service.clusterIP", "")))
        .contains("https://<node address>:<audit node port>/audit")
        .doesNotContain("10.96.0.200");
  }

  /** NOTES of a server-side dry-run install with the monitoring values (Helm asks the cluster). */
  private static String serverDryRunNotes() {
    return serverDryRunNotes(RELEASE, "monitoring", Map.of());
  }

  /**
   * NOTES of a server-side dry-run install of RELEASE with ci/NAME-values.yaml and these values
   * (another release than the tests' objects above, whose ServiceAccount exists for real).
   */
  private static String serverDryRunNotes(String release, String ci, Map<String, Object> sets) {
    var install =
        HelmChart.helm()
            .install()
            .withName(release)
            .withNamespace(NAMESPACE)
            .withKubeConfig(RealCluster.kubeconfigPath().orElseThrow())
            .withValuesFile(HelmChart.DIR.resolve("ci/" + ci + "-values.yaml"))
            .dryRun()
            .withDryRunOption(DryRun.SERVER);
    sets.forEach(install::set);
    Release installed = install.call();
    return installed.getOutput();
  }
}
