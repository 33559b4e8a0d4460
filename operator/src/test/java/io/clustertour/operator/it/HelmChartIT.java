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
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
            "evidence-values.yaml");
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
    for (HasMetadata o : render(values).objects()) {
      assertThat(o.getMetadata().getLabels())
          .as("%s/%s", o.getKind(), o.getMetadata().getName())
          .containsEntry("app.kubernetes.io/name", "cluster-tour-operator")
          .containsEntry("app.kubernetes.io/instance", RELEASE)
          .containsEntry("app.kubernetes.io/managed-by", "Helm")
          .containsKeys("app.kubernetes.io/version", "helm.sh/chart");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void grantsNoWildcardAndNoSecret(Optional<Path> values) {
    Rendering r = render(values);
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
    Rendering r = render(Optional.empty());
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

  @Test
  void existingServiceAccountIsBoundNotCreated() {
    Rendering r = render(ci("existing-serviceaccount"));
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
    Rendering r = render(ci("minimal-privileges"));
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
    if (values.equals(ci("evidence"))) {
      return; // evidenceReceiversSitBehindAFixedClusterIp
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
