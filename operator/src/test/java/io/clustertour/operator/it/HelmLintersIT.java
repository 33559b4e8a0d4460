package io.clustertour.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clustertour.operator.testsupport.ChartLinters;
import io.clustertour.operator.testsupport.Crds;
import io.clustertour.operator.testsupport.HelmChart;
import io.clustertour.operator.testsupport.RealCluster;
import io.clustertour.operator.testsupport.ServiceMonitorCrd;
import io.clustertour.operator.testsupport.Shell;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart as reviewers check it, with the tools they run: {@code helm lint --strict} with every
 * ci/*-values.yaml, {@code kubeconform -strict} on every rendering (schemas from the cluster's own
 * OpenAPI document: no internet), and {@code kube-score}, whose every CRITICAL finding is either
 * fixed or justified in the chart README.
 */
class HelmLintersIT {
  private static final String RELEASE = "tour";
  private static final String NAMESPACE = "clustertour-system";
  private static final Path WORK = Path.of("target/chart-lint");
  private static final Path README = HelmChart.DIR.resolve("README.md");

  private static Path schemas;
  private static ServiceMonitorCrd monitoringCrds;

  static Stream<Optional<Path>> combinations() {
    return HelmChartIT.combinations();
  }

  @BeforeAll
  static void schemasOfThisCluster() {
    KubernetesClient client = RealCluster.client();
    // the helm test hook is a ClusterTour: its schema is this build's CRD, once the API server
    // publishes it in /openapi/v2 (a few seconds after the CRD is established)
    Crds.install(client);
    // prometheus-operator's real CRDs, so the ServiceMonitor and PrometheusRule are checked too
    monitoringCrds = ServiceMonitorCrd.ensure(client);
    await("ClusterTour, ServiceMonitor and PrometheusRule in /openapi/v2")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              String openapi = client.raw("/openapi/v2");
              return Stream.of("ClusterTour", "ServiceMonitor", "PrometheusRule")
                  .allMatch(k -> openapi.contains("\"kind\":\"" + k + "\""));
            });
    schemas = ChartLinters.schemasFromCluster(client, WORK.resolve("schemas"));
  }

  @AfterAll
  static void removeMonitoringCrds() {
    if (monitoringCrds != null) {
      monitoringCrds.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void helmLintStrictPasses(Optional<Path> values) {
    List<String> cmd = new ArrayList<>(List.of(ChartLinters.helm().toString(), "lint", "--strict"));
    values.ifPresent(v -> cmd.addAll(List.of("--values", v.toString())));
    cmd.add(HelmChart.DIR.toString());
    Shell.Result r = Shell.run(Map.of(), cmd.toArray(String[]::new));
    assertThat(r.code()).as("%s", r).isZero();
    assertThat(r.out()).as("%s", r).doesNotContain("[WARNING]").doesNotContain("[ERROR]");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void kubeconformStrictAcceptsEveryRenderedObject(Optional<Path> values) throws IOException {
    Path manifests = rendered(values);
    Shell.Result r = kubeconform(manifests, HelmChart.DIR.resolve("crds").toString());
    assertThat(r.code()).as("%s", r).isZero();
    // every object was checked against a schema, none skipped for want of one
    JsonNode summary = new ObjectMapper().readTree(r.out()).path("summary");
    assertThat(summary.path("valid").asInt()).as("%s", r).isGreaterThan(5);
    assertThat(summary.path("skipped").asInt()).as("%s", r).isZero();
    assertThat(summary.path("errors").asInt() + summary.path("invalid").asInt()).isZero();
  }

  @Test
  void kubeconformRejectsAnUnknownField() throws IOException {
    // the check above is worth something only if these schemas really are strict
    Path bad = Files.createDirectories(WORK).resolve("unknown-field.yaml");
    Files.writeString(
        bad,
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: x}
        spec:
          replica: 2
          selector: {matchLabels: {app: x}}
          template:
            metadata: {labels: {app: x}}
            spec: {containers: [{name: c, image: busybox:1.36}]}
        """);
    Shell.Result r = kubeconform(bad);
    assertThat(r.code()).as("%s", r).isNotZero();
    assertThat(r.out()).contains("replica");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void everyKubeScoreCriticalIsFixedOrJustifiedInTheReadme(Optional<Path> values)
      throws IOException {
    Set<String> justified = justifiedChecks();
    Set<String> critical = kubeScoreCriticals(rendered(values));
    critical.removeIf(finding -> justified.contains(finding.split(" ")[0]));
    assertThat(critical)
        .as("kube-score CRITICAL findings neither fixed nor justified in %s", README)
        .isEmpty();
  }

  @Test
  void everyJustificationIsStillNeeded() throws IOException {
    // a justification the chart no longer needs would hide the next real finding of that check
    Set<String> found = new TreeSet<>();
    for (Optional<Path> values : combinations().toList()) {
      kubeScoreCriticals(rendered(values)).forEach(f -> found.add(f.split(" ")[0]));
    }
    assertThat(found).containsAll(justifiedChecks());
  }

  /** The check ids the README's kube-score table justifies: its first column, in backticks. */
  private static Set<String> justifiedChecks() throws IOException {
    String readme = Files.readString(README);
    int start = readme.indexOf("<!-- kube-score justifications -->");
    int end = readme.indexOf("<!-- end kube-score justifications -->");
    assertThat(start).as("kube-score section in %s", README).isNotNegative();
    assertThat(end).isGreaterThan(start);
    Set<String> ids = new TreeSet<>();
    Matcher m =
        Pattern.compile("(?m)^\\| `([a-z0-9-]+)` \\|").matcher(readme.substring(start, end));
    while (m.find()) {
      ids.add(m.group(1));
    }
    assertThat(ids).isNotEmpty();
    return ids;
  }

  /** "check-id Kind/name: summary" of each CRITICAL (grade 1) finding. */
  private static Set<String> kubeScoreCriticals(Path manifests) throws IOException {
    Shell.Result r =
        Shell.run(
            Map.of(),
            ChartLinters.kubeScore().toString(),
            "score",
            "--output-format",
            "json",
            "--kubernetes-version",
            HelmChart.KUBE_VERSION.replaceAll("\\.0$", ""),
            manifests.toString());
    // exit 1 means "found something": the findings are in the JSON either way
    assertThat(r.code()).as("%s", r).isIn(0, 1);
    Set<String> critical = new TreeSet<>();
    for (JsonNode object : new ObjectMapper().readTree(r.out())) {
      for (JsonNode check : object.path("checks")) {
        if (!check.path("skipped").asBoolean() && check.path("grade").asInt() == 1) {
          List<String> summaries = new ArrayList<>();
          check.path("comments").forEach(c -> summaries.add(c.path("summary").asText()));
          critical.add(
              check.path("check").path("id").asText()
                  + " "
                  + object.path("object_name").asText()
                  + ": "
                  + String.join("; ", summaries));
        }
      }
    }
    return critical;
  }

  private static Shell.Result kubeconform(Path... inputs) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                ChartLinters.kubeconform().toString(),
                "-strict",
                "-summary",
                "-output",
                "json",
                "-schema-location",
                schemas.toAbsolutePath() + "/{{ .ResourceKind }}{{ .KindSuffix }}.json"));
    for (Path p : inputs) {
      cmd.add(p.toString());
    }
    return Shell.run(Map.of(), cmd.toArray(String[]::new));
  }

  private static Shell.Result kubeconform(Path manifests, String crds) {
    return kubeconform(manifests, Path.of(crds));
  }

  /** The rendering (hooks included, as helm template prints it) written to a file. */
  private static Path rendered(Optional<Path> values) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                ChartLinters.helm().toString(),
                "template",
                RELEASE,
                HelmChart.DIR.toString(),
                "--namespace",
                NAMESPACE,
                "--kube-version",
                HelmChart.KUBE_VERSION,
                // as on a cluster with kube-prometheus-stack: the monitoring values render them
                "--api-versions",
                "monitoring.coreos.com/v1/ServiceMonitor",
                "--api-versions",
                "monitoring.coreos.com/v1/PrometheusRule"));
    values.ifPresent(v -> cmd.addAll(List.of("--values", v.toString())));
    Shell.Result r = Shell.run(Map.of(), cmd.toArray(String[]::new));
    assertThat(r.code()).as("%s", r).isZero();
    String name = values.map(v -> v.getFileName().toString()).orElse("default-values.yaml");
    Path out = Files.createDirectories(WORK.resolve("rendered")).resolve(name);
    Files.writeString(out, r.out());
    return out;
  }
}
