package io.clustertour.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import io.clustertour.operator.OperatorRuntime;
import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.receive.ReceiverClientTls;
import io.clustertour.operator.testsupport.Crds;
import io.clustertour.operator.testsupport.HelmChart;
import io.clustertour.operator.testsupport.PrometheusServer;
import io.clustertour.operator.testsupport.RealCluster;
import io.clustertour.operator.testsupport.ServiceMonitorCrd;
import io.clustertour.operator.testsupport.ServiceMonitorScrape;
import io.clustertour.operator.testsupport.Tours;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The operator scraped by a real Prometheus exactly as the chart's ServiceMonitor would have it
 * scraped, with the chart's PrometheusRule loaded: after two example tours every query of the
 * shipped dashboard answers and no alert is active; then each alert's condition is caused on the
 * live cluster, one after the other, and only the alerts whose conditions were caused fire: a tour
 * whose status cannot be written (stuck stop, reconcile errors), a batch the audit webhook turns
 * away, a tour namespace flooded with more Events than a namespace keeps, and a watch handler that
 * fails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusIT {
  private static final String RELEASE = "clustertour";
  private static final String NAMESPACE = "clustertour-system";
  private static final String FULLNAME = RELEASE + "-cluster-tour-operator";
  private static final Duration SCRAPE = Duration.ofSeconds(1);
  private static final String STUCK = "prom-stuck";
  private static final String FLOOD = "prom-flood";
  // above the 2000 observations the operator keeps per tour namespace
  private static final int FLOOD_EVENTS = 2050;
  private static final Path TLS = Path.of("src/test/resources/evidence/tls");
  private static final Path DIR = Path.of("target/prometheus-it");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  private static final AtomicBoolean statusWritesFail = new AtomicBoolean();
  private static KubernetesClient client;
  private static KubernetesClient operatorClient;
  private static OperatorRuntime operator;
  private static PrometheusServer prometheus;
  private static Path rulesFile;
  private static GenericKubernetesResource serviceMonitor;
  private static GenericKubernetesResource prometheusRule;
  private static Instant started;

  @BeforeAll
  static void prometheusScrapesTheOperatorWhileExampleToursRun() throws IOException {
    client = RealCluster.client();
    Path bin = PrometheusServer.binaries(); // fails loudly under CI before touching the cluster
    assertThat(bin.resolve("promtool")).isExecutable();
    Crds.install(client);
    Files.createDirectories(DIR);
    List<HasMetadata> chart = renderWithMonitoringApis();
    serviceMonitor = kind(chart, "ServiceMonitor");
    GenericKubernetesResource rule = kind(chart, "PrometheusRule");
    prometheusRule = rule;
    Service service =
        chart.stream().filter(Service.class::isInstance).map(Service.class::cast).findFirst().get();
    Deployment deployment =
        chart.stream()
            .filter(Deployment.class::isInstance)
            .map(Deployment.class::cast)
            .findFirst()
            .get();

    operatorClient = faultyClient();
    operator =
        OperatorRuntime.start(
            operatorClient,
            new OperatorRuntime.Settings(
                0, false, null, "prometheus-it", ReceiverClientTls.loopbackSettings(TLS)));
    Files.createDirectories(DIR);
    rulesFile = DIR.resolve("rules.yml");
    Files.writeString(rulesFile, YAML.asYaml(Map.of("groups", spec(rule).get("groups"))));
    String container =
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getName();
    Map<String, Object> job =
        ServiceMonitorScrape.job(
            serviceMonitor,
            service,
            FULLNAME + "-5d8f7c9b4-it0ab",
            container,
            "127.0.0.1:" + operator.httpPort(),
            seconds(SCRAPE));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(
        "global",
        Map.of("scrape_interval", seconds(SCRAPE), "evaluation_interval", seconds(SCRAPE)));
    config.put("rule_files", List.of(rulesFile.toAbsolutePath().toString()));
    config.put("scrape_configs", List.of(job));
    cleanDir(DIR.resolve("data"));
    prometheus = PrometheusServer.start(DIR, YAML.asYaml(config));
    started = Instant.now();
  }

  @AfterAll
  static void stopEverything() {
    statusWritesFail.set(false);
    if (client != null) {
      deleteQuietly("first-tour", "tour-first");
      deleteQuietly("self-healing", "tour-healing");
      deleteQuietly(STUCK, STUCK);
      deleteQuietly(FLOOD, FLOOD);
    }
    if (operator != null) {
      operator.close();
    }
    if (operatorClient != null) {
      operatorClient.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  @Order(2)
  void theScrapedServiceMonitorAndTheLoadedRulesPassPrometheusOperatorsOwnSchemas() {
    try (ServiceMonitorCrd crds = ServiceMonitorCrd.ensure(client)) {
      for (GenericKubernetesResource object : List.of(serviceMonitor, prometheusRule)) {
        GenericKubernetesResource copy =
            YAML.unmarshal(YAML.asYaml(object), GenericKubernetesResource.class);
        copy.getMetadata().setNamespace("default");
        // strict field validation: a field the real CRD does not know fails the dry run
        assertThat(
                client
                    .resource(copy)
                    .dryRun()
                    .fieldValidation(FieldValidateable.Validation.STRICT)
                    .create())
            .as(object.getKind() + " accepted by prometheus-operator's CRD")
            .isNotNull();
      }
    }
  }

  @Test
  @Order(2)
  void operatorMetricsPassPromtoolCheckMetrics() throws Exception {
    String body =
        HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + operator.httpPort() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(body).contains("operator_sdk_reconciliations_started_total");
    Map.Entry<Integer, String> check = PrometheusServer.promtool(body, "check", "metrics");
    assertThat(check.getValue()).as("promtool check metrics findings").isBlank();
    assertThat(check.getKey()).isZero();
  }

  @Test
  @Order(1)
  void everyDashboardQueryAnswersAfterTheExampleTours() throws IOException {
    // one after the other: a histogram series is born at its first sample, which rate() cannot
    // see; the second tour's stops of the same types are what the rate panels show
    Tours.apply(client, "01-first-tour.yaml");
    Tours.awaitCompleted(client, "first-tour", Duration.ofMinutes(3));
    Tours.apply(client, "02-self-healing.yaml");
    Tours.awaitCompleted(client, "self-healing", Duration.ofMinutes(3));
    // the last stops' metrics are in once Prometheus scraped after both tours completed
    await("Prometheus saw both tours completed")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                value(prometheus.query("sum(clustertour_tours{state=\"Completed\"})", now())) >= 2);
    JsonNode dashboard =
        JSON.readTree(HelmChart.DIR.resolve("dashboards/clustertour.json").toFile());
    String namespace = namespaceVariable(dashboard);
    assertThat(namespace)
        .as("$namespace resolves to the ServiceMonitor's namespace")
        .isEqualTo(NAMESPACE);

    Instant end = now();
    Duration range = Duration.between(started, end);
    GrafanaVariables vars = new GrafanaVariables(range, SCRAPE, namespace);
    List<String> empty = new ArrayList<>();
    int queries = 0;
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        String expr = vars.substitute(target.path("expr").asText());
        JsonNode data =
            target.path("instant").asBoolean()
                ? prometheus.query(expr, end)
                : prometheus.queryRange(expr, started, end, vars.interval());
        queries++;
        if (!hasFiniteSample(data)) {
          empty.add(
              panel.path("title").asText() + " / " + target.path("refId").asText() + ": " + expr);
        }
      }
    }
    assertThat(queries).as("the dashboard's queries").isGreaterThanOrEqualTo(25);
    assertThat(empty)
        .as(
            "dashboard queries without a single number; lag counts: %s",
            prometheus.queryRange(
                "clustertour_observation_lag_seconds_count", started, end, SCRAPE))
        .isEmpty();
  }

  @Test
  @Order(3)
  void noAlertIsActiveOnAHealthyRun() {
    JsonNode groups = prometheus.api("/api/v1/rules", Map.of()).path("groups");
    List<String> rules = new ArrayList<>();
    for (JsonNode g : groups) {
      for (JsonNode r : g.path("rules")) {
        assertThat(r.path("health").asText()).as(r.path("name").asText()).isEqualTo("ok");
        rules.add(r.path("name").asText());
      }
    }
    assertThat(rules)
        .as("every shipped alert, each proven by promtool test rules")
        .containsExactlyInAnyOrderElementsOf(RuleUnitTests.alerts());
    assertThat(prometheus.alerts()).as("alerts after two healthy tours").isEmpty();
  }

  @Test
  @Order(4)
  void everyAlertPassesItsPromtoolRuleTest() throws IOException {
    Path test = DIR.resolve("rules-test.yml");
    Files.writeString(test, RuleUnitTests.yaml(rulesFile.toAbsolutePath(), FULLNAME, NAMESPACE));
    Map.Entry<Integer, String> result =
        PrometheusServer.promtool("", "test", "rules", test.toAbsolutePath().toString());
    assertThat(result.getKey()).as(result.getValue()).isZero();
    assertThat(result.getValue()).contains("SUCCESS");
  }

  @Test
  @Order(5)
  void aTourWhoseStatusCannotBeWrittenFiresTheStuckAndReconcileAlerts() {
    ClusterTour stuck = YAML.unmarshal(new ByteArrayInputStream(stuckTour()), ClusterTour.class);
    Tours.api(client).withName(STUCK).delete();
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> Tours.api(client).withName(STUCK).get() == null);
    Tours.api(client).resource(stuck).create();
    // the Job never completes, so the stop stays Running until its timeout
    await("stop web Running")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> stopState(STUCK, "web").equals("Running"));
    statusWritesFail.set(true);

    await("ClusterTourStopOverdue and ClusterTourReconcileErrors firing")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                assertThat(prometheus.alerts())
                    .contains(
                        Map.entry("ClusterTourStopOverdue", "firing"),
                        Map.entry("ClusterTourReconcileErrors", "firing")));
    assertNotActive(
        "ClusterTourEvidenceRejected",
        "ClusterTourObservationsDropped",
        "ClusterTourWatchHandlerErrors");

    statusWritesFail.set(false);
    await("the operator times the stop out once it can write again")
        .atMost(Duration.ofSeconds(90))
        .until(() -> !stopState(STUCK, "web").equals("Running"));
  }

  @Test
  @Order(6)
  void aBatchTheAuditWebhookTurnsAwayFiresEvidenceRejected() throws Exception {
    HttpClient apiserver =
        HttpClient.newBuilder()
            .sslContext(
                ReceiverClientTls.of(
                    TLS.resolve("apiserver.crt"),
                    TLS.resolve("apiserver.key"),
                    TLS.resolve("test-ca.crt")))
            .build();
    HttpResponse<String> answer =
        apiserver.send(
            java.net.http.HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + operator.receivers().auditPort() + "/audit"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{not an audit batch"))
                .header("Content-Type", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);

    awaitFiring("ClusterTourEvidenceRejected", Map.of("receiver", "audit", "reason", "malformed"));
    assertNotActive("ClusterTourObservationsDropped", "ClusterTourWatchHandlerErrors");
  }

  @Test
  @Order(7)
  void aTourNamespaceFloodedWithEventsFiresObservationsDropped() throws Exception {
    Tours.api(client).resource(longTour(FLOOD)).create();
    await("stop web of " + FLOOD + " Running")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> stopState(FLOOD, "web").equals("Running"));
    // more Events than a namespace keeps: the oldest observations are dropped and counted
    ExecutorService senders = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < FLOOD_EVENTS; i++) {
        int n = i;
        sent.add(senders.submit(() -> createEvent(FLOOD, "flood-" + n)));
      }
      for (Future<?> f : sent) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      senders.shutdownNow();
    }

    awaitFiring("ClusterTourObservationsDropped", Map.of());
    assertNotActive("ClusterTourWatchHandlerErrors");
  }

  @Test
  @Order(8)
  void aWatchHandlerThatFailsFiresWatchHandlerErrors() {
    assertThat(stopState(FLOOD, "web"))
        .as("the flood tour still tracks its namespace")
        .isEqualTo("Running");
    // the fault goes where a bug would throw: inside the handling of a watch notification (the
    // operator's per-component counter stops counting; nothing after this test reads it)
    operator
        .watcher()
        .setComponentListener(
            component -> {
              throw new IllegalStateException("injected by PrometheusIT");
            });
    createEvent(FLOOD, "after-the-fault");

    awaitFiring("ClusterTourWatchHandlerErrors", Map.of());
  }

  private static void awaitFiring(String alert, Map<String, String> labels) {
    await(alert + " firing")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              JsonNode firing = null;
              for (JsonNode a : prometheus.api("/api/v1/alerts", Map.of()).path("alerts")) {
                if (alert.equals(a.path("labels").path("alertname").asText())
                    && "firing".equals(a.path("state").asText())) {
                  firing = a;
                }
              }
              assertThat(firing).as(alert + " firing; alerts: " + prometheus.alerts()).isNotNull();
              for (Map.Entry<String, String> l : labels.entrySet()) {
                assertThat(firing.path("labels").path(l.getKey()).asText())
                    .as(l.getKey())
                    .isEqualTo(l.getValue());
              }
              assertThat(firing.path("labels").path("namespace").asText()).isEqualTo(NAMESPACE);
            });
  }

  /** The alerts whose conditions were not caused yet are neither pending nor firing. */
  private static void assertNotActive(String... alerts) {
    assertThat(prometheus.alerts()).extracting(Map.Entry::getKey).doesNotContain(alerts);
  }

  private static void createEvent(String namespace, String name) {
    client
        .v1()
        .events()
        .inNamespace(namespace)
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withReason("PrometheusItFlood")
                .withMessage("an Event from PrometheusIT's flood")
                .withType("Normal")
                .withNewInvolvedObject()
                .withKind("Job")
                .withNamespace(namespace)
                .withName("web")
                .withApiVersion("batch/v1")
                .endInvolvedObject()
                .withNewSource()
                .withComponent("prometheus-it")
                .endSource()
                .build())
        .create();
  }

  /**
   * The chart rendered as on a cluster that serves prometheus-operator's APIs: helm-java's template
   * takes no --api-versions, so a copy in target/ has its two capability guards answer yes; every
   * other file is the shipped one.
   */
  private static List<HasMetadata> renderWithMonitoringApis() throws IOException {
    Path copy = DIR.resolve("chart");
    cleanDir(copy);
    try (var files = Files.walk(HelmChart.DIR)) {
      for (Path from : files.toList()) {
        Path to = copy.resolve(HelmChart.DIR.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    Path helpers = copy.resolve("templates/_helpers.tpl");
    String tpl = Files.readString(helpers);
    String forced =
        tpl.replaceAll(
            "\\.Capabilities\\.APIVersions\\.Has \"monitoring\\.coreos\\.com/v1/[A-Za-z]+\"",
            "true");
    assertThat(forced).as("the two capability guards").isNotEqualTo(tpl);
    Files.writeString(helpers, forced);
    String manifests =
        new Helm(copy)
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeVersion(HelmChart.KUBE_VERSION)
            .withValuesFile(HelmChart.DIR.resolve("ci/monitoring-values.yaml").toAbsolutePath())
            // the test's short holds; the expressions are the shipped ones
            .set("metrics.prometheusRule.for.stopOverdue", "5s")
            .set("metrics.prometheusRule.for.receiverLosses", "5s")
            .set("metrics.prometheusRule.for.reconcileErrors", "5s")
            .call();
    return HelmChart.parse(manifests);
  }

  private static GenericKubernetesResource kind(List<HasMetadata> objects, String kind) {
    return objects.stream()
        .filter(o -> kind.equals(o.getKind()))
        .map(GenericKubernetesResource.class::cast)
        .findFirst()
        .orElseThrow(() -> new AssertionError("the chart rendered no " + kind));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource r) {
    return (Map<String, Object>) r.getAdditionalProperties().get("spec");
  }

  /** The operator's client, whose status writes for the stuck tour fail while the switch is on. */
  private static KubernetesClient faultyClient() throws IOException {
    Config config =
        Config.fromKubeconfig(Files.readString(RealCluster.kubeconfigPath().orElseThrow()));
    Interceptor fault =
        new Interceptor() {
          @Override
          public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            String path = request.uri().getPath();
            if (statusWritesFail.get()
                && !"GET".equals(request.method())
                && path.endsWith("/clustertours/" + STUCK + "/status")) {
              // an invalid fieldValidation directive: the write never lands (JOSDK then reports
              // a failed reconcile), as the stop still Running in the cluster shows
              String q = request.uri().getRawQuery();
              builder.uri(
                  URI.create(
                      request.uri().toString()
                          + (q == null ? "?" : "&")
                          + "fieldValidation=ClusterTourTestFault"));
            }
          }
        };
    return new KubernetesClientBuilder()
        .withConfig(config)
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("test-fault", fault))
        .build();
  }

  private static byte[] stuckTour() {
    return tourYaml(STUCK, 10);
  }

  private static ClusterTour longTour(String name) {
    Tours.api(client).withName(name).delete();
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> Tours.api(client).withName(name).get() == null);
    return YAML.unmarshal(new ByteArrayInputStream(tourYaml(name, 600)), ClusterTour.class);
  }

  /** A Namespace stop, then a Job that never completes, so its stop stays Running. */
  private static byte[] tourYaml(String name, int timeoutSeconds) {
    return ("""
        apiVersion: clustertour.io/v1alpha1
        kind: ClusterTour
        metadata:
          name: %1$s
        spec:
          stops:
            - name: namespace
              type: Namespace
              namespace: {name: %1$s}
            - name: web
              type: Job
              timeoutSeconds: %2$d
              job:
                name: web
                namespace: %1$s
                image: busybox:1.36
                imagePullPolicy: IfNotPresent
                command: ["sleep", "3600"]
        """)
        .formatted(name, timeoutSeconds)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String stopState(String tour, String stop) {
    ClusterTour t = Tours.api(client).withName(tour).get();
    if (t == null || t.getStatus() == null || t.getStatus().stops == null) {
      return "";
    }
    return t.getStatus().stops.stream()
        .filter(s -> stop.equals(s.name))
        .map(s -> String.valueOf(s.state))
        .findFirst()
        .orElse("");
  }

  /** label_values(clustertour_tours, namespace), as Grafana resolves the variable. */
  private static String namespaceVariable(JsonNode dashboard) {
    JsonNode variable = null;
    for (JsonNode v : dashboard.path("templating").path("list")) {
      if ("namespace".equals(v.path("name").asText())) {
        variable = v;
      }
    }
    assertThat(variable).isNotNull();
    assertThat(variable.path("definition").asText())
        .isEqualTo("label_values(clustertour_tours, namespace)");
    JsonNode values =
        prometheus.api(
            "/api/v1/label/namespace/values",
            Map.of(
                "match[]", "clustertour_tours", "start", String.valueOf(started.getEpochSecond())));
    assertThat(values).hasSize(1);
    return values.get(0).asText();
  }

  private static boolean hasFiniteSample(JsonNode data) {
    for (JsonNode series : data.path("result")) {
      List<JsonNode> samples = new ArrayList<>();
      series.path("values").forEach(samples::add);
      if (series.has("value")) {
        samples.add(series.path("value"));
      }
      for (JsonNode s : samples) {
        double v = Double.parseDouble(s.get(1).asText());
        if (Double.isFinite(v)) {
          return true;
        }
      }
    }
    return false;
  }

  private static double value(JsonNode data) {
    JsonNode result = data.path("result");
    return result.isEmpty() ? 0 : Double.parseDouble(result.get(0).path("value").get(1).asText());
  }

  private static Instant now() {
    return Instant.now();
  }

  private static String seconds(Duration d) {
    return d.toSeconds() + "s";
  }

  private static void deleteQuietly(String tour, String namespace) {
    try {
      Tours.deleteAndAwaitCleanup(client, tour, namespace);
    } catch (RuntimeException e) {
      // cleanup of a test that already failed: its assertion is the report
    }
  }

  private static void cleanDir(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
