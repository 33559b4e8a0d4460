package io.clustertour.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.LintResult;
import io.clustertour.operator.OperatorRuntime;
import io.clustertour.operator.receive.Receivers;
import io.clustertour.operator.testsupport.HelmChart;
import io.clustertour.operator.testsupport.HelmChart.Rendering;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart without a cluster: {@code helm lint --strict}, and every documented values combination
 * (defaults plus ci/*-values.yaml) renders into manifests that keep the chart's promises.
 */
class HelmChartIT {
  private static final String RELEASE = "tour";
  private static final String NAMESPACE = "clustertour-system";
  private static final String FULLNAME = "tour-cluster-tour-operator";

  /** The chart's leader-election Role names the operator's Lease; both must agree. */
  private static final String LEASE_NAME = OperatorRuntime.LEASE_NAME;

  static Stream<Optional<Path>> combinations() {
    return Stream.concat(
        Stream.of(Optional.<Path>empty()), HelmChart.ciValuesFiles().stream().map(Optional::of));
  }

  @Test
  void lintsCleanInStrictMode() {
    LintResult lint = HelmChart.helm().lint().strict().call();
    assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
  }

  @Test
  void everyDocumentedCombinationHasACiValuesFile() {
    assertThat(HelmChart.ciValuesFiles())
        .extracting(p -> p.getFileName().toString())
        .contains(
            "ha-values.yaml",
            "monitoring-values.yaml",
            "registry-values.yaml",
            "existing-serviceaccount-values.yaml",
            "minimal-privileges-values.yaml",
            "local-image-values.yaml",
            "evidence-values.yaml",
            "network-policy-values.yaml",
            "pinned-image-values.yaml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void rendersARestrictedOperatorPod(Optional<Path> values) {
    Rendering r = render(values);
    Deployment d = r.one(Deployment.class);
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    Container c = pod.getContainers().get(0);
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(c.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/tmp"));
    assertThat(pod.getVolumes()).anyMatch(v -> v.getEmptyDir() != null);
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(c.getResources().getLimits()).containsKey("memory");
    assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(fieldRef(c, "POD_NAME")).isEqualTo("metadata.name");
    assertThat(fieldRef(c, "POD_NAMESPACE")).isEqualTo("metadata.namespace");
    assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void labelsEveryObjectTheKubernetesWay(Optional<Path> values) {
    for (HasMetadata o : withHooks(values).objects()) {
      // the helm test objects carry another name: no operator selector may pick the test pod
      String name = Rendering.isHook(o) ? "cluster-tour-operator-test" : "cluster-tour-operator";
      assertThat(o.getMetadata().getLabels())
          .as("%s/%s", o.getKind(), o.getMetadata().getName())
          .containsEntry("app.kubernetes.io/name", name)
          .containsEntry("app.kubernetes.io/instance", RELEASE)
          .containsEntry("app.kubernetes.io/managed-by", "Helm")
          .containsKeys("app.kubernetes.io/version", "helm.sh/chart");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void grantsNoWildcardAndNoSecret(Optional<Path> values) {
    Rendering r = withHooks(values);
    List<PolicyRule> rules = new ArrayList<>();
    r.all(ClusterRole.class).forEach(cr -> rules.addAll(cr.getRules()));
    r.all(Role.class).forEach(role -> rules.addAll(role.getRules()));
    assertThat(rules).isNotEmpty();
    for (PolicyRule rule : rules) {
      Stream.of(
              rule.getApiGroups(), rule.getResources(), rule.getVerbs(), rule.getNonResourceURLs())
          .filter(l -> l != null)
          .flatMap(List::stream)
          .forEach(v -> assertThat(v).as("rule %s", rule).doesNotContain("*"));
      assertThat(rule.getResources()).as("rule %s", rule).doesNotContain("secrets");
    }
    assertThat(r.all(ClusterRoleBinding.class))
        .allSatisfy(b -> assertThat(b.getSubjects()).hasSize(1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void electsALeaderExactlyWhenMoreThanOneReplicaRuns(Optional<Path> values) {
    Rendering r = render(values);
    Deployment d = r.one(Deployment.class);
    boolean leader = d.getSpec().getReplicas() > 1;
    assertThat(env(d.getSpec().getTemplate().getSpec().getContainers().get(0), "LEADER_ELECTION"))
        .isEqualTo(String.valueOf(leader));
    assertThat(d.getSpec().getStrategy().getType())
        .isEqualTo(leader ? "RollingUpdate" : "Recreate");
    List<Role> leaseRoles =
        r.all(Role.class).stream()
            .filter(role -> role.getMetadata().getNamespace().equals(NAMESPACE))
            .toList();
    assertThat(leaseRoles).hasSize(leader ? 1 : 0);
    leaseRoles.forEach(
        role ->
            assertThat(role.getRules())
                .anyMatch(
                    rule ->
                        rule.getVerbs().contains("update")
                            && rule.getResourceNames().equals(List.of(LEASE_NAME))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void pointsTheServiceAtTheOperatorPort(Optional<Path> values) {
    Rendering r = render(values);
    Deployment d = r.one(Deployment.class);
    for (Service s : r.all(Service.class)) {
      if (s.getMetadata().getName().equals(FULLNAME + "-evidence")) {
        continue; // the receivers' Service: evidenceReceiversSitBehindAFixedClusterIp
      }
      assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
          .containsAllEntriesOf(s.getSpec().getSelector());
      assertThat(s.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
      assertThat(s.getMetadata().getAnnotations()).containsEntry("prometheus.io/path", "/metrics");
    }
  }

  @Test
  void defaultsRunOneReplicaOfTheChartsAppVersion() throws IOException {
    Rendering r = render(Optional.empty()).withoutHooks();
    Deployment d = r.one(Deployment.class);
    assertThat(d.getSpec().getReplicas()).isEqualTo(1);
    assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("clustertour/cluster-tour-operator:" + projectVersion());
    assertThat(r.one(ServiceAccount.class).getMetadata().getName()).isEqualTo(FULLNAME);
    assertThat(r.one(ClusterRole.class).getRules())
        .anyMatch(rule -> rule.getNonResourceURLs().contains("/metrics"));
    assertThat(r.all(Role.class))
        .singleElement()
        .satisfies(role -> assertThat(role.getMetadata().getNamespace()).isEqualTo("kube-system"));
    assertThat(r.kinds()).doesNotContain("ServiceMonitor", "ConfigMap");
  }

  @Test
  void appVersionIsTheMavenProjectVersion() throws IOException {
    String chart = Files.readString(HelmChart.DIR.resolve("Chart.yaml"));
    assertThat(chart).contains("appVersion: \"" + projectVersion() + "\"");
  }

  @Test
  void acrBuildFileUsesThePinnedRegistryBaseAndTheImageContract() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher base = Pattern.compile("<image.base.registry>([^<]+)<").matcher(pom);
    assertThat(base.find()).isTrue();
    String dockerfile = Files.readString(Path.of("../hack/image/Dockerfile"));
    assertThat(dockerfile)
        .contains("FROM " + base.group(1) + "\n")
        .contains("USER 65532:65532")
        .contains("-XX:MaxRAMPercentage=75");
    assertThat(pom).contains("<user>65532:65532</user>").contains("-XX:MaxRAMPercentage=75");
  }

  @Test
  void registryImageIsPulledWithTheSecret() {
    Deployment d = render(ci("registry")).one(Deployment.class);
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    assertThat(pod.getContainers().get(0).getImage())
        .isEqualTo("myregistry.azurecr.io/cluster-tour-operator:0.1.0");
    assertThat(pod.getContainers().get(0).getImagePullPolicy()).isEqualTo("Always");
    assertThat(pod.getImagePullSecrets()).extracting("name").containsExactly("acr-pull");
  }

  private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

  /** What Kubernetes accepts as a label value (apimachinery's IsValidLabelValue). */
  private static final Pattern LABEL_VALUE =
      Pattern.compile("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");

  @Test
  void digestPinsTheImageWithOrWithoutATag() {
    assertThat(image(Map.of("image.digest", DIGEST)))
        .isEqualTo("clustertour/cluster-tour-operator@" + DIGEST);
    assertThat(image(Map.of("image.digest", DIGEST, "image.tag", "0.1.0")))
        .isEqualTo("clustertour/cluster-tour-operator:0.1.0@" + DIGEST);
    assertThat(image(Map.of("image.tag", "0.1.0")))
        .isEqualTo("clustertour/cluster-tour-operator:0.1.0");
    assertRejected(Map.of("image.digest", "sha256:abc"), "/image/digest");
    assertRejected(Map.of("image.digest", "0.1.0"), "/image/digest");
  }

  @ParameterizedTest(name = "tag {0}")
  @MethodSource("oddTags")
  void versionLabelIsAValidLabelValueWhateverTheTag(String tag, String expected) {
    for (HasMetadata o :
        HelmChart.render(RELEASE, NAMESPACE, Optional.empty(), Map.of("image.tag", tag))
            .objects()) {
      String value = o.getMetadata().getLabels().get("app.kubernetes.io/version");
      assertThat(value).as("%s/%s", o.getKind(), o.getMetadata().getName()).isEqualTo(expected);
      assertThat(value).hasSizeLessThanOrEqualTo(63).matches(LABEL_VALUE);
    }
  }

  static Stream<Arguments> oddTags() {
    String hex = "0123456789abcdef".repeat(4);
    return Stream.of(
        Arguments.of("0.1.0", "0.1.0"),
        Arguments.of("0.1.0@sha256:" + hex, "0.1.0"),
        // the label keeps the first 63 characters, a digest's algorithm and most of its hex
        Arguments.of("sha256:" + hex, ("sha256_" + hex).substring(0, 63)),
        Arguments.of("v1+build/7 ", "v1_build_7"),
        Arguments.of("-" + "x".repeat(70), "x".repeat(62)));
  }

  @Test
  void pinnedImageValuesPullByDigestAndKeepTheTagInTheLabel() {
    Rendering r = withHooks(ci("pinned-image"));
    String image =
        r.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    assertThat(image)
        .matches("myregistry\\.azurecr\\.io/cluster-tour-operator:0\\.1\\.0@sha256:[0-9a-f]{64}");
    assertThat(r.one(Deployment.class).getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/version", "0.1.0");
    // the helm test pod runs the same image
    assertThat(testPod(r).getSpec().getContainers().get(0).getImage()).isEqualTo(image);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void operatorPodsRunOnLinuxSpreadOverNodes(Optional<Path> values) {
    Deployment d = render(values).one(Deployment.class);
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/os", "linux");
    assertThat(pod.getTopologySpreadConstraints())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
              assertThat(c.getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
              assertThat(c.getMaxSkew()).isEqualTo(1);
              assertThat(c.getLabelSelector().getMatchLabels())
                  .isEqualTo(d.getSpec().getSelector().getMatchLabels());
            });
  }

  @Test
  void spreadConstraintsCanBeReplacedOrTurnedOff() {
    PodSpec custom =
        HelmChart.render(
                RELEASE,
                NAMESPACE,
                Optional.empty(),
                Map.of(
                    "topologySpreadConstraints[0].topologyKey", "topology.kubernetes.io/zone",
                    "topologySpreadConstraints[0].whenUnsatisfiable", "DoNotSchedule",
                    "topologySpreadConstraints[0].maxSkew", 2,
                    "topologySpreadConstraints[0].labelSelector.matchLabels.team", "tours"))
            .one(Deployment.class)
            .getSpec()
            .getTemplate()
            .getSpec();
    assertThat(custom.getTopologySpreadConstraints())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
              assertThat(c.getLabelSelector().getMatchLabels()).isEqualTo(Map.of("team", "tours"));
            });
    Rendering off =
        HelmChart.render(
            RELEASE,
            NAMESPACE,
            Optional.empty(),
            Map.of("topologySpreadConstraints", "null", "nodeSelector", "null"));
    PodSpec pod = off.one(Deployment.class).getSpec().getTemplate().getSpec();
    assertThat(pod.getTopologySpreadConstraints()).isEmpty();
    assertThat(pod.getNodeSelector()).isEmpty();
    assertRejected(
        Map.of("topologySpreadConstraints[0].topologyKey", "kubernetes.io/hostname"), "maxSkew");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void disruptionBudgetExactlyWhenMoreThanOneReplicaRuns(Optional<Path> values) {
    Rendering r = render(values);
    Deployment d = r.one(Deployment.class);
    List<PodDisruptionBudget> pdbs = r.all(PodDisruptionBudget.class);
    assertThat(pdbs).hasSize(d.getSpec().getReplicas() > 1 ? 1 : 0);
    pdbs.forEach(
        pdb -> {
          assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
          assertThat(pdb.getSpec().getSelector().getMatchLabels())
              .isEqualTo(d.getSpec().getSelector().getMatchLabels());
        });
  }

  @Test
  void disruptionBudgetCanBeForced() {
    assertThat(
            HelmChart.render(
                    RELEASE,
                    NAMESPACE,
                    Optional.empty(),
                    Map.of(
                        "podDisruptionBudget.enabled",
                        true,
                        "podDisruptionBudget.maxUnavailable",
                        "50%"))
                .one(PodDisruptionBudget.class)
                .getSpec()
                .getMaxUnavailable()
                .getStrVal())
        .isEqualTo("50%");
    assertThat(
            HelmChart.render(
                    RELEASE, NAMESPACE, ci("ha"), Map.of("podDisruptionBudget.enabled", false))
                .all(PodDisruptionBudget.class))
        .isEmpty();
    assertRejected(Map.of("podDisruptionBudget.enabled", "yes"), "/podDisruptionBudget/enabled");
    assertRejected(Map.of("podDisruptionBudget.maxUnavailable", "half"), "maxUnavailable");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void networkPolicyOnlyWhenEnabled(Optional<Path> values) {
    Rendering r = render(values);
    if (!values.equals(ci("network-policy"))) {
      assertThat(r.all(NetworkPolicy.class)).isEmpty();
    }
  }

  @Test
  void networkPolicyLetsInTheOperatorsPortsAndOutOnlyDnsAndTheApiServer() {
    Rendering r = render(ci("network-policy"));
    NetworkPolicy np = r.one(NetworkPolicy.class);
    Deployment d = r.one(Deployment.class);
    Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(np.getSpec().getPodSelector().getMatchLabels())
        .isEqualTo(d.getSpec().getSelector().getMatchLabels());
    assertThat(np.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    List<String> ingressPorts = new ArrayList<>();
    np.getSpec()
        .getIngress()
        .forEach(rule -> rule.getPorts().forEach(p -> ingressPorts.add(p.getPort().getStrVal())));
    // every port named is one the container really declares, and each declared port is open
    assertThat(ingressPorts)
        .containsExactlyInAnyOrderElementsOf(c.getPorts().stream().map(p -> p.getName()).toList())
        .containsExactlyInAnyOrder("http", "audit", "otlp-grpc");
    assertThat(np.getSpec().getIngress().get(0).getFrom())
        .singleElement()
        .satisfies(
            peer ->
                assertThat(peer.getNamespaceSelector().getMatchLabels())
                    .containsEntry("kubernetes.io/metadata.name", "monitoring"));
    assertThat(np.getSpec().getIngress().get(1).getFrom()).isNullOrEmpty();
    assertThat(np.getSpec().getEgress())
        .extracting(
            rule ->
                rule.getPorts().stream()
                    .map(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
                    .toList())
        .containsExactly(List.of("UDP/53", "TCP/53"), List.of("TCP/6443"));
    assertThat(np.getSpec().getEgress().get(0).getTo().get(0).getPodSelector().getMatchLabels())
        .containsEntry("k8s-app", "kube-dns");
    // without the receivers only the web port is open
    NetworkPolicy plain =
        HelmChart.render(
                RELEASE, NAMESPACE, Optional.empty(), Map.of("networkPolicy.enabled", true))
            .one(NetworkPolicy.class);
    assertThat(plain.getSpec().getIngress())
        .singleElement()
        .satisfies(rule -> assertThat(rule.getFrom()).isNullOrEmpty())
        .extracting(rule -> rule.getPorts().get(0).getPort().getStrVal())
        .isEqualTo("http");
    assertThat(plain.getSpec().getEgress().get(1).getPorts())
        .extracting(p -> p.getPort().getIntVal())
        .containsExactly(443, 6443);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void helmTestAppliesATourAndWaitsForItInARestrictedPod(Optional<Path> values) {
    Rendering r = withHooks(values);
    Rendering hooks = r.hooks();
    String name = FULLNAME + "-test";
    for (HasMetadata o : hooks.objects()) {
      assertThat(o.getMetadata().getAnnotations())
          .as("%s/%s", o.getKind(), o.getMetadata().getName())
          .containsEntry("helm.sh/hook", "test")
          .containsEntry("helm.sh/hook-delete-policy", "before-hook-creation,hook-succeeded");
      assertThat(o.getMetadata().getName()).isEqualTo(name);
    }
    Pod pod = testPod(r);
    Container c = pod.getSpec().getContainers().get(0);
    assertThat(c.getArgs()).containsExactly("report", name, "--wait-seconds", "180");
    assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType())
        .isEqualTo("RuntimeDefault");
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(c.getResources().getLimits()).containsKey("memory");
    // the tour it waits for is a hook too, created before the pod (lower weight)
    HasMetadata tour =
        hooks.objects().stream()
            .filter(o -> o.getKind().equals("ClusterTour"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no test tour: " + hooks.kinds()));
    assertThat(Integer.parseInt(tour.getMetadata().getAnnotations().get("helm.sh/hook-weight")))
        .isLessThan(0);
    // no selector of the operator's picks the test pod
    Map<String, String> podLabels = pod.getMetadata().getLabels();
    Map<String, String> selector = r.one(Deployment.class).getSpec().getSelector().getMatchLabels();
    assertThat(podLabels.entrySet().containsAll(selector.entrySet()))
        .as("test pod labels %s picked by the operator's selector %s", podLabels, selector)
        .isFalse();
    // its own ServiceAccount may read that one tour and nothing else
    ClusterRole role =
        hooks.all(ClusterRole.class).stream()
            .findFirst()
            .orElseThrow(() -> new AssertionError("no test ClusterRole: " + hooks.kinds()));
    assertThat(role.getRules())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getResources()).containsExactly("clustertours");
              assertThat(rule.getResourceNames()).containsExactly(name);
              assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
            });
    assertThat(pod.getSpec().getServiceAccountName())
        .isEqualTo(hooks.one(ServiceAccount.class).getMetadata().getName());
    assertThat(hooks.one(ClusterRoleBinding.class).getSubjects().get(0).getName()).isEqualTo(name);
  }

  @Test
  void helmTestCanBeLeftOutOrRunWithoutChartRbac() {
    assertThat(
            HelmChart.renderWithHooks(
                    RELEASE, NAMESPACE, Optional.empty(), Map.of("test.enabled", false))
                .hooks()
                .objects())
        .isEmpty();
    Rendering noRbac =
        HelmChart.renderWithHooks(
                RELEASE,
                NAMESPACE,
                Optional.empty(),
                Map.of("rbac.create", false, "test.serviceAccountName", "tour-tester"))
            .hooks();
    assertThat(noRbac.kinds()).containsExactlyInAnyOrder("ClusterTour", "Pod");
    assertThat(testPod(noRbac).getSpec().getServiceAccountName()).isEqualTo("tour-tester");
  }

  @Test
  void notesPrintTheFirstExampleTourInline() throws IOException {
    String example = Files.readString(Path.of("../examples/01-first-tour.yaml"));
    // NOTES reads the chart's copy (.Files cannot reach outside the chart): it must not drift
    assertThat(Files.readString(HelmChart.DIR.resolve("files/first-tour.yaml")))
        .as(
            "helm/cluster-tour-operator/files/first-tour.yaml is a copy of examples/01-first-tour.yaml")
        .isEqualTo(example);
    String notes = HelmChart.notes(RELEASE, NAMESPACE, Map.of());
    assertThat(HelmChart.inlineTour(notes)).isEqualTo(example);
    // a heredoc ends only at an unindented EOF: the block must be pasteable as printed
    assertThat(notes).contains("\nkubectl apply -f - <<'EOF'\n").contains("\nEOF\n");
    assertThat(notes)
        .contains("kubectl get ct first-tour -w")
        .contains("helm test " + RELEASE + " -n " + NAMESPACE)
        .doesNotContain("kubectl apply -f examples/");
    assertThat(HelmChart.notes(RELEASE, NAMESPACE, Map.of("test.enabled", false)))
        .doesNotContain("helm test");
  }

  @Test
  void readmeDocumentsEveryValueAndNoOther() throws IOException {
    String readme = Files.readString(HelmChart.DIR.resolve("README.md"));
    int start = readme.indexOf("<!-- values table -->");
    int end = readme.indexOf("<!-- end values table -->");
    assertThat(start).as("values table in the chart README").isNotNegative();
    assertThat(end).isGreaterThan(start);
    Set<String> rows = new TreeSet<>();
    Matcher row = Pattern.compile("(?m)^\\| `([^`]+)` \\|").matcher(readme.substring(start, end));
    while (row.find()) {
      rows.add(row.group(1));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> values =
        new KubernetesSerialization()
            .unmarshal(Files.readString(HelmChart.DIR.resolve("values.yaml")), Map.class);
    Set<String> paths = new TreeSet<>();
    keyPaths("", values, paths);
    // a row documents its key and everything under it (resources, probes.startup, ...)
    List<String> undocumented =
        paths.stream()
            .filter(p -> rows.stream().noneMatch(r -> p.equals(r) || p.startsWith(r + ".")))
            .toList();
    assertThat(undocumented).as("values.yaml keys the chart README does not list").isEmpty();
    assertThat(rows)
        .as("README rows naming no key of values.yaml")
        .allMatch(r -> paths.stream().anyMatch(p -> p.equals(r) || p.startsWith(r + ".")));
    // and each row says what its key does
    assertThat(readme.substring(start, end).lines().filter(l -> l.startsWith("| `")))
        .allSatisfy(l -> assertThat(l).doesNotEndWith("|  |").doesNotEndWith("| |"));
  }

  /** Dotted paths of every leaf of the values: scalars, lists and empty maps. */
  @SuppressWarnings("unchecked")
  private static void keyPaths(String prefix, Map<String, Object> map, Set<String> out) {
    map.forEach(
        (k, v) -> {
          if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            keyPaths(prefix + k + ".", (Map<String, Object>) m, out);
          } else {
            out.add(prefix + k);
          }
        });
  }

  private static Pod testPod(Rendering r) {
    return r.hooks().one(Pod.class);
  }

  private static String image(Map<String, Object> sets) {
    return HelmChart.render(RELEASE, NAMESPACE, Optional.empty(), sets)
        .one(Deployment.class)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getImage();
  }

  @Test
  void existingServiceAccountIsBoundNotCreated() {
    Rendering r = render(ci("existing-serviceaccount")).withoutHooks();
    assertThat(r.all(ServiceAccount.class)).isEmpty();
    assertThat(r.one(Deployment.class).getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo("clustertour-operator");
    assertThat(r.one(ClusterRoleBinding.class).getSubjects().get(0).getName())
        .isEqualTo("clustertour-operator");
    assertThat(r.all(RoleBinding.class))
        .allSatisfy(
            b -> assertThat(b.getSubjects().get(0).getName()).isEqualTo("clustertour-operator"));
  }

  @Test
  void minimalPrivilegesDropTheOptionalRules() {
    Rendering r = render(ci("minimal-privileges")).withoutHooks();
    assertThat(r.all(Service.class)).isEmpty();
    assertThat(r.all(Role.class)).isEmpty();
    assertThat(r.one(ClusterRole.class).getRules())
        .noneMatch(rule -> rule.getNonResourceURLs().contains("/metrics"));
  }

  @Test
  void monitoringShipsTheDashboardButNoServiceMonitorWithoutPrometheusOperator()
      throws IOException {
    Rendering r = render(ci("monitoring"));
    ConfigMap dashboard = r.one(ConfigMap.class);
    assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(dashboard.getMetadata().getAnnotations())
        .containsEntry("grafana_folder", "ClusterTour");
    JsonNode json = new ObjectMapper().readTree(dashboard.getData().get("clustertour.json"));
    assertThat(json.path("title").asText()).isEqualTo("ClusterTour");
    // helm template knows no cluster APIs: the capability guard leaves the ServiceMonitor out
    assertThat(r.kinds()).doesNotContain("ServiceMonitor");
  }

  @Test
  void forcedLeaderElectionWorksWithOneReplica() {
    Rendering r =
        HelmChart.render(
            RELEASE, NAMESPACE, Optional.empty(), Map.of("leaderElection.enabled", true));
    assertThat(
            env(
                r.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0),
                "LEADER_ELECTION"))
        .isEqualTo("true");
  }

  @Test
  void schemaRejectsTyposAndWrongTypes() {
    assertThatThrownBy(
            () -> HelmChart.render(RELEASE, NAMESPACE, Optional.empty(), Map.of("replicas", 2)))
        .hasMessageContaining("replicas");
    assertThatThrownBy(
            () ->
                HelmChart.render(
                    RELEASE, NAMESPACE, Optional.empty(), Map.of("image.pullPolicy", "Sometimes")))
        .hasMessageContaining("pullPolicy");
    assertThatThrownBy(
            () ->
                HelmChart.render(
                    RELEASE,
                    NAMESPACE,
                    Optional.empty(),
                    Map.of("serviceAccount.create", false, "serviceAccount.name", "")))
        .hasMessageContaining("serviceAccount.name is required");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void evidenceReceiversAreOffUnlessEnabled(Optional<Path> values) {
    if (values.equals(ci("evidence")) || values.equals(ci("network-policy"))) {
      return; // evidenceReceiversSitBehindAFixedClusterIp, networkPolicyLetsInTheOperatorsPorts...
    }
    Rendering r = render(values);
    Container c = r.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(r.all(Service.class))
        .noneMatch(s -> s.getMetadata().getName().endsWith("-evidence"));
    assertThat(c.getPorts()).extracting("name").containsExactly("http");
    assertThat(c.getEnv())
        .extracting(EnvVar::getName)
        .noneMatch(n -> n.startsWith("AUDIT_") || n.startsWith("OTLP_"));
    Receivers.Settings settings = Receivers.Settings.fromEnv(envMap(c));
    assertThat(settings.auditPort()).isNull();
    assertThat(settings.otlpPort()).isNull();
  }

  @Test
  void evidenceReceiversSitBehindAFixedClusterIp() {
    Rendering r = render(ci("evidence"));
    Deployment d = r.one(Deployment.class);
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    Container c = pod.getContainers().get(0);
    Service svc =
        r.all(Service.class).stream()
            .filter(s -> s.getMetadata().getName().equals(FULLNAME + "-evidence"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no evidence Service: " + r.kinds()));
    assertThat(svc.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(svc.getSpec().getClusterIP()).isEqualTo("10.96.0.200");
    assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(svc.getSpec().getSelector());
    Map<String, Integer> containerPorts = new TreeMap<>();
    c.getPorts().forEach(p -> containerPorts.put(p.getName(), p.getContainerPort()));
    assertThat(containerPorts).containsEntry("audit", 9443).containsEntry("otlp-grpc", 4317);
    assertThat(svc.getSpec().getPorts())
        .extracting(p -> p.getName() + " " + p.getPort() + "->" + p.getTargetPort().getStrVal())
        .containsExactly("audit 443->audit", "otlp-grpc 4317->otlp-grpc");

    // what the operator's own reader makes of the rendered environment
    Receivers.Settings settings = Receivers.Settings.fromEnv(envMap(c));
    assertThat(settings.auditPort()).isEqualTo(9443);
    assertThat(settings.auditBind()).isEqualTo("0.0.0.0");
    assertThat(settings.otlpPort()).isEqualTo(4317);
    assertThat(settings.otlpBind())
        .as("in a pod the trace port must not bind loopback")
        .isEqualTo("0.0.0.0");
    String mount =
        c.getVolumeMounts().stream()
            .filter(m -> m.getName().equals("evidence-tls"))
            .findFirst()
            .orElseThrow()
            .getMountPath();
    assertThat(List.of(settings.tlsCert(), settings.tlsKey(), settings.clientCa()))
        .extracting(Path::toString)
        .containsExactly(mount + "/tls.crt", mount + "/tls.key", mount + "/ca.crt");
    var secret =
        pod.getVolumes().stream()
            .filter(v -> v.getName().equals("evidence-tls"))
            .findFirst()
            .orElseThrow()
            .getSecret();
    assertThat(secret.getSecretName()).isEqualTo("clustertour-evidence");
    assertThat(secret.getItems())
        .extracting(k -> k.getKey() + "=" + k.getPath())
        .containsExactly("tls.crt=tls.crt", "tls.key=tls.key", "ca.crt=ca.crt");
  }

  @Test
  void evidenceNodePortsAreFixedWhenGiven() {
    Rendering r =
        HelmChart.render(
            RELEASE,
            NAMESPACE,
            ci("evidence"),
            Map.of(
                "evidence.service.type",
                "NodePort",
                "evidence.service.clusterIP",
                "",
                "evidence.service.auditNodePort",
                30443,
                "evidence.service.otlpNodePort",
                30317));
    Service svc =
        r.all(Service.class).stream()
            .filter(s -> s.getSpec().getType().equals("NodePort"))
            .findFirst()
            .orElseThrow();
    assertThat(svc.getSpec().getClusterIP()).isNull();
    assertThat(svc.getSpec().getPorts())
        .extracting(p -> p.getName() + " " + p.getNodePort())
        .containsExactly("audit 30443", "otlp-grpc 30317");
  }

  @Test
  void schemaAndChecksRejectEvidenceSettingsThatCannotWork() {
    Map<String, Object> on = Map.of("evidence.enabled", true, "evidence.tlsSecret", "ev");
    assertRejected(Map.of("evidence.enabled", true), "evidence.tlsSecret is required");
    assertRejected(with(on, "replicaCount", 2), "needs replicaCount 1");
    assertRejected(with(on, "evidence.service.clusterIP", "None"), "/evidence/service/clusterIP");
    assertRejected(
        with(on, "evidence.service.clusterIP", "10.96.0.300"), "/evidence/service/clusterIP");
    assertRejected(with(on, "evidence.service.type", "LoadBalancer"), "/evidence/service/type");
    assertRejected(with(on, "evidence.auditPort", 70000), "/evidence/auditPort");
    assertRejected(with(on, "evidence.tlsSecret", "Not_A_Name"), "/evidence/tlsSecret");
    assertRejected(with(on, "evidence.clientCa", "x"), "'clientCa' not allowed");
    // the same values pass once they are right: the rejections above are about the one bad value
    assertThat(HelmChart.render(RELEASE, NAMESPACE, Optional.empty(), on).all(Service.class))
        .hasSize(2);
  }

  private static void assertRejected(Map<String, Object> sets, String message) {
    assertThatThrownBy(() -> HelmChart.render(RELEASE, NAMESPACE, Optional.empty(), sets))
        .as("%s", sets)
        .hasMessageContaining(message);
  }

  private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>(base);
    m.put(key, value);
    return m;
  }

  private static Map<String, String> envMap(Container c) {
    Map<String, String> env = new HashMap<>();
    c.getEnv().stream()
        .filter(e -> e.getValue() != null)
        .forEach(e -> env.put(e.getName(), e.getValue()));
    return env;
  }

  @Test
  void dashboardQueriesUseTheDatasourceVariable() throws IOException {
    JsonNode dash =
        new ObjectMapper().readTree(HelmChart.DIR.resolve("dashboards/clustertour.json").toFile());
    assertThat(dash.path("uid").asText()).isEqualTo("clustertour-operator");
    List<String> exprs = new ArrayList<>();
    for (JsonNode panel : dash.path("panels")) {
      if (!"row".equals(panel.path("type").asText())) {
        assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
        panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
      }
    }
    assertThat(String.join("\n", exprs))
        .contains(
            "clustertour_stop_duration_seconds",
            "clustertour_flow_step_latency_seconds",
            "clustertour_events_observed_total",
            "clustertour_verdicts_total",
            "clustertour_observation_lag_seconds",
            "clustertour_tours",
            "operator_sdk_reconciliations_failed_total",
            "jvm_memory_used_bytes");
  }

  private static Rendering render(Optional<Path> values) {
    return HelmChart.render(RELEASE, NAMESPACE, values, Map.of());
  }

  private static Rendering withHooks(Optional<Path> values) {
    return HelmChart.renderWithHooks(RELEASE, NAMESPACE, values, Map.of());
  }

  private static Optional<Path> ci(String name) {
    return Optional.of(HelmChart.DIR.resolve("ci/" + name + "-values.yaml"));
  }

  private static String env(Container c, String name) {
    return c.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .map(EnvVar::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no env " + name));
  }

  private static String fieldRef(Container c, String name) {
    return c.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .map(e -> e.getValueFrom().getFieldRef().getFieldPath())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no env " + name));
  }

  /** The parent POM's version, which the image tag and the chart's appVersion follow. */
  static String projectVersion() throws IOException {
    String pom = Files.readString(Path.of("../pom.xml"));
    Matcher m =
        Pattern.compile(
                "<artifactId>cluster-tour-parent</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(pom);
    assertThat(m.find()).as("version in ../pom.xml").isTrue();
    return m.group(1);
  }
}
