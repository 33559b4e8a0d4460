package io.clustertour.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.FlowStepResult;
import io.clustertour.operator.testsupport.Crds;
import io.clustertour.operator.testsupport.Kubectl;
import io.clustertour.operator.testsupport.OperatorProcess;
import io.clustertour.operator.testsupport.RealCluster;
import io.clustertour.operator.testsupport.ReportText;
import io.clustertour.operator.testsupport.Shell;
import io.clustertour.operator.testsupport.TourWatch;
import io.clustertour.operator.testsupport.Tours;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kubectl plugin as a learner uses it: installed by {@code make kubectl-plugin}, found on PATH
 * by the cluster's own kubectl, reading a tour the operator jar ran on the real cluster; and the
 * columns of {@code kubectl get ct} as the API server's table serves them.
 */
class KubectlTourIT {
  private static final String TOUR = "kubectl-plugin";
  private static final String NS = "tour-kubectl";
  private static final String YAML =
      """
      apiVersion: clustertour.io/v1alpha1
      kind: ClusterTour
      metadata: {name: kubectl-plugin}
      spec:
        stops:
        - {name: ns, type: Namespace, namespace: {name: tour-kubectl}}
        - name: web
          type: Deployment
          deployment: {name: web, namespace: tour-kubectl, image: "busybox:1.36",
            imagePullPolicy: IfNotPresent, replicas: 1, command: [httpd, -f, -p, "8080"]}
      """;
  private static final Path ROOT =
      Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();

  private static KubernetesClient client;
  private static OperatorProcess operator;
  private static Path bin;
  private static Path kubeconfig;
  private static ClusterTour tour;

  @BeforeAll
  static void installThePluginAndRunATour() throws Exception {
    client = RealCluster.client();
    kubeconfig = RealCluster.kubeconfigPath().orElseThrow().toAbsolutePath();
    Crds.install(client);
    bin = Files.createTempDirectory("kubectl-tour-bin");
    Shell.Result install =
        Shell.run(Map.of(), "make", "-s", "-C", ROOT.toString(), "kubectl-plugin", "PREFIX=" + bin);
    assertThat(install.code()).as(install.toString()).isZero();
    assertThat(bin.resolve("kubectl-tour")).isExecutable();
    assertThat(bin.resolve("cluster-tour-operator.jar")).isRegularFile();
    Shell.Result again =
        Shell.run(Map.of(), "make", "-s", "-C", ROOT.toString(), "kubectl-plugin", "PREFIX=" + bin);
    assertThat(again.out()).as("installing again changes nothing").contains("is up to date");

    operator = OperatorProcess.start();
    TourWatch.recreate(client, YAML);
    tour = Tours.awaitCompleted(client, TOUR, Duration.ofMinutes(3));
  }

  @AfterAll
  static void deleteTheTourAndStopTheOperator() throws Exception {
    if (client != null && tour != null) {
      Tours.deleteAndAwaitCleanup(client, TOUR, NS);
    }
    if (operator != null) {
      operator.close();
    }
    if (bin != null) {
      for (String f : List.of("kubectl-tour", "cluster-tour-operator.jar")) {
        Files.deleteIfExists(bin.resolve(f));
      }
      Files.deleteIfExists(bin);
    }
  }

  /** kubectl with the installed plugin on PATH, as a learner's shell has it. */
  private static Shell.Result kubectl(Map<String, String> extraEnv, String... args) {
    Map<String, String> env = new HashMap<>();
    env.put(
        "PATH", bin + ":" + Kubectl.directory() + ":" + System.getenv().getOrDefault("PATH", ""));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.putAll(extraEnv);
    String[] command = new String[args.length + 1];
    command[0] = Kubectl.directory().resolve("kubectl").toString();
    System.arraycopy(args, 0, command, 1, args.length);
    return Shell.run(env, command);
  }

  private static Shell.Result kubectl(String... args) {
    return kubectl(Map.of("KUBECONFIG", kubeconfig.toString()), args);
  }

  private static List<FlowStepResult> flow() {
    return tour.getStatus().stops.stream().flatMap(s -> s.flow.stream()).toList();
  }

  @Test
  void listShowsTheTourLikeKubectlGetCt() {
    // the kubeconfig as a flag this time, not from the environment
    Shell.Result list = kubectl(Map.of(), "tour", "list", "--kubeconfig", kubeconfig.toString());

    assertThat(list.code()).as(list.toString()).isZero();
    List<String> lines = list.out().lines().toList();
    assertThat(lines.get(0)).matches("NAME +STATE +STOPS +VERDICTS +AGE");
    String row = lines.stream().filter(l -> l.startsWith(TOUR + " ")).findFirst().orElseThrow();
    assertThat(row.split(" {2,}"))
        .startsWith(
            TOUR,
            tour.getStatus().state.name(),
            tour.getStatus().stopsDone,
            tour.getStatus().verdictSummary);

    Shell.Result wide = kubectl("tour", "list", "-o", "wide");
    assertThat(wide.out().lines().findFirst().orElseThrow())
        .matches("NAME +STATE +STOPS +VERDICTS +AGE +CURRENT +EVIDENCE");
    assertThat(wide.out()).containsPattern(TOUR + " .* direct\n");
  }

  @Test
  void reportPrintsEveryClaimAndEvidenceWholeWrappedToTheWidth() {
    Shell.Result report = kubectl("tour", "report", TOUR, "--width", "80");

    assertThat(report.code()).as(report.toString()).isZero();
    assertThat(report.out()).startsWith("ClusterTour " + TOUR + " · ");
    assertThat(report.out().lines())
        .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    assertThat(ReportText.labelled(report.out(), "claim: "))
        .as("every claim, unwrapped, equals the status's")
        .isEqualTo(flow().stream().map(f -> ReportText.oneLine(f.claimText)).toList());
    List<String> evidence = ReportText.labelled(report.out(), "evidence: ");
    assertThat(evidence).hasSameSizeAs(flow());
    for (int i = 0; i < evidence.size(); i++) {
      assertThat(ReportText.whole(evidence.get(i), flow().get(i).evidence, 80 - 16))
          .as(
              "evidence of %s:%n%s%n%s",
              flow().get(i).step, evidence.get(i), flow().get(i).evidence)
          .isTrue();
    }

    Shell.Result narrow =
        kubectl(
            Map.of("KUBECONFIG", kubeconfig.toString(), "COLUMNS", "64"), "tour", "report", TOUR);
    assertThat(narrow.out().lines().mapToInt(String::length).max().orElse(0))
        .as("the terminal's COLUMNS")
        .isLessThanOrEqualTo(64)
        .isGreaterThan(56);
  }

  @Test
  void reportAsJsonOrYamlIsTheTourAsServed() throws Exception {
    Shell.Result json = kubectl("tour", "report", TOUR, "-o", "json");

    assertThat(json.code()).as(json.toString()).isZero();
    JsonNode printed = new ObjectMapper().readTree(json.out());
    assertThat(printed.at("/metadata/name").asText()).isEqualTo(TOUR);
    assertThat(printed.at("/metadata/managedFields").isMissingNode()).isTrue();
    assertThat(printed.at("/status/verdictSummary").asText())
        .isEqualTo(tour.getStatus().verdictSummary);
    assertThat(printed.at("/status/stops")).hasSize(2);
    assertThat(printed.at("/status/evidenceLevel").asText()).isEqualTo("direct");

    Shell.Result yaml = kubectl("tour", "report", TOUR, "-o", "yaml");
    ClusterTour parsed = Serialization.unmarshal(yaml.out(), ClusterTour.class);
    assertThat(parsed.getStatus().stops).extracting(s -> s.name).containsExactly("ns", "web");
  }

  @Test
  void openPrintsTheLocalOperatorsPageAndOpensIt() throws Exception {
    Path opened = Files.createTempFile("opened", ".url");
    Path browser = Files.createTempFile("browser", ".sh");
    Files.writeString(browser, "#!/bin/sh\necho \"$1\" > " + opened + "\n");
    browser.toFile().setExecutable(true);
    try {
      String port = operator.url("").replaceAll(".*:", "");
      Shell.Result open =
          kubectl(
              Map.of(
                  "KUBECONFIG", kubeconfig.toString(), "CLUSTERTOUR_BROWSER", browser.toString()),
              "tour",
              "open",
              TOUR,
              "--port",
              port);

      String url = "http://localhost:" + port + "/tours/" + TOUR;
      assertThat(open.code()).as(open.toString()).isZero();
      assertThat(open.out().lines().findFirst()).contains(url);
      await("the browser opened " + url)
          .atMost(Duration.ofSeconds(10))
          .until(() -> Files.readString(opened).strip().equals(url));
      int status =
          HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(URI.create(url)).build(),
                  java.net.http.HttpResponse.BodyHandlers.discarding())
              .statusCode();
      assertThat(status).isEqualTo(200);

      Shell.Result missing = kubectl("tour", "open", "no-such-tour", "--port", port);
      assertThat(missing.code()).isEqualTo(1);
      assertThat(missing.err()).contains("not found");
    } finally {
      Files.deleteIfExists(opened);
      Files.deleteIfExists(browser);
    }
  }

  @Test
  void kubectlGetCtShowsTheColumnsInOrderAndWideAddsCurrentAndEvidence() throws Exception {
    // the API server's own table, which kubectl get prints
    HttpRequest request =
        client
            .getHttpClient()
            .newHttpRequestBuilder()
            .uri(client.getMasterUrl() + "apis/clustertour.io/v1alpha1/clustertours/" + TOUR)
            .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io")
            .build();
    HttpResponse<String> response =
        client.getHttpClient().sendAsync(request, String.class).get(30, TimeUnit.SECONDS);
    assertThat(response.code()).as(response.body()).isEqualTo(200);
    JsonNode table = new ObjectMapper().readTree(response.body());
    assertThat(table.get("kind").asText()).isEqualTo("Table");
    List<String> columns = names(table.get("columnDefinitions"), "name");
    assertThat(columns)
        .containsExactly("Name", "State", "Stops", "Verdicts", "Age", "Current", "Evidence");
    assertThat(names(table.get("columnDefinitions"), "priority"))
        .containsExactly("0", "0", "0", "0", "0", "1", "1");
    JsonNode cells = table.at("/rows/0/cells");
    assertThat(cells.get(0).asText()).isEqualTo(TOUR);
    assertThat(cells.get(1).asText()).isEqualTo(tour.getStatus().state.name());
    assertThat(cells.get(2).asText()).isEqualTo(tour.getStatus().stopsDone);
    assertThat(cells.get(3).asText()).isEqualTo(tour.getStatus().verdictSummary);
    assertThat(cells.get(5).isNull()).as("no stop runs any more: %s", cells).isTrue();
    assertThat(cells.get(6).asText()).isEqualTo("direct");

    Shell.Result get = kubectl("get", "ct", TOUR);
    assertThat(get.out().lines().findFirst().orElseThrow())
        .matches("NAME +STATE +STOPS +VERDICTS +AGE");
    Shell.Result wide = kubectl("get", "ct", TOUR, "-o", "wide");
    List<String> lines = wide.out().lines().toList();
    assertThat(lines.get(0)).matches("NAME +STATE +STOPS +VERDICTS +AGE +CURRENT +EVIDENCE");
    // kubectl leaves the cell of an absent value empty: AGE, then the evidence level
    assertThat(lines.get(1))
        .matches(
            TOUR
                + " +"
                + tour.getStatus().state
                + " +"
                + tour.getStatus().stopsDone
                + " +"
                + Pattern.quote(tour.getStatus().verdictSummary)
                + " +[0-9][0-9smhd]* +direct");
  }

  private static List<String> names(JsonNode definitions, String field) {
    return java.util.stream.StreamSupport.stream(definitions.spliterator(), false)
        .map(d -> d.get(field).asText())
        .toList();
  }
}
