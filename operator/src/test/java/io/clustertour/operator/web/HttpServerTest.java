package io.clustertour.operator.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.ClusterTourSpec.Language;
import io.clustertour.operator.api.StopStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpServerTest {
  private static final String HOSTILE = "<script>alert(1)</script>\"><img src=x onerror=alert(1)>";

  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicBoolean ready = new AtomicBoolean(true);
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    new TourMetrics(registry).toursByState(() -> Map.of("Running", 1L));
    ClusterTour hostile = SampleTour.completed("evil", Language.en);
    hostile.getStatus().summary = HOSTILE;
    StopStatus stop = hostile.getStatus().stops.get(0);
    stop.message = HOSTILE;
    stop.flow.get(0).claimText = HOSTILE;
    stop.flow.get(1).evidence = HOSTILE;
    stop.timeline.get(0).message = HOSTILE;
    stop.timeline.get(0).object = HOSTILE;
    stop.timeline.get(0).component = HOSTILE;
    List<ClusterTour> tours =
        List.of(
            SampleTour.completed("demo", Language.en),
            SampleTour.completed("demo-ko", Language.ko),
            hostile,
            fresh());
    server = new HttpServer(0, registry, () -> true, ready::get, () -> tours);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void metricsAreServedInPrometheusTextFormat() throws Exception {
    HttpResponse<String> r = get("/metrics");
    assertEquals(200, r.statusCode());
    assertEquals(
        "text/plain; version=0.0.4; charset=utf-8",
        r.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(r.body().contains("clustertour_tours{state=\"Running\"} 1.0"), r.body());
  }

  @Test
  void metricsOfferOpenMetricsWhenAsked() throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(uri("/metrics"))
                .header("Accept", "application/openmetrics-text"));
    assertEquals(200, r.statusCode());
    assertTrue(
        r.headers()
            .firstValue("Content-Type")
            .orElseThrow()
            .startsWith("application/openmetrics-text"));
    assertTrue(r.body().endsWith("# EOF\n"), r.body());
  }

  @Test
  void probesSayOkOr503WithAReason() throws Exception {
    assertEquals(200, get("/healthz").statusCode());
    assertEquals("ok\n", get("/readyz").body());
    ready.set(false);
    HttpResponse<String> r = get("/readyz");
    assertEquals(503, r.statusCode());
    assertTrue(r.body().startsWith("not ready:"), r.body());
  }

  @Test
  void indexListsToursWithLinksAndEscapesStatusText() throws Exception {
    HttpResponse<String> r = get("/");
    assertEquals(200, r.statusCode());
    assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(r.body().contains("<a href=\"/tours/demo\">demo</a>"), r.body());
    assertTrue(r.body().contains("<a href=\"/tours/demo-ko\">demo-ko</a>"));
    assertTrue(r.body().contains("1/1"));
    assertTrue(r.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img"));
    assertNoInjection(r.body());
  }

  @Test
  void tourPageShowsDocumentedFlowNextToObservedTimeline() throws Exception {
    HttpResponse<String> r = get("/tours/demo");
    assertEquals(200, r.statusCode());
    String page = r.body();
    assertTrue(page.contains("Documented flow") && page.contains("Observed timeline"));
    assertTrue(page.contains("<h3>As the notes draw it</h3>"), page);
    assertTrue(page.contains("<h3>What the cluster did</h3>"), page);
    assertTrue(page.contains("<svg class=\"sd\""), "the diagrams are drawn");
    assertTrue(page.contains("class=\"badge v-Contradicted\""), page);
    assertTrue(page.contains("class=\"badge v-NotObservable\""));
    assertTrue(page.contains("+40 ms"));
    assertTrue(page.contains("precision us"));
    assertTrue(
        page.contains(
            "create → scheduled <b>0 s ±1 s</b> <span class=\"muted\">(creationTimestamp →"
                + " Scheduled.eventTime, precision s)</span> <span class=\"muted\">watch 28"
                + " ms</span>"),
        "latency value, precision, both sources and the watch figure, in full");
    assertTrue(page.contains("slowest pod <b>web-2</b>"), page);
    assertTrue(
        page.contains(
            "<b>Cluster activity</b> 1 s ±1 s <span class=\"muted\">(precision s, seq 1 → 4)</span>"
                + " · watch 938 ms · wall time 2500 ms"),
        page);
    assertTrue(page.contains("href=\"#s1-e2\""), "verdict links to its evidence entry");
    assertTrue(page.contains("id=\"s1-e2\""));
    assertTrue(page.contains(" ×3"), "repeated event count shown");
    assertTrue(page.contains("4 entries dropped by the cap"));
    assertEquals(
        List.of(" src=\"/assets/tour.js\""),
        Pattern.compile(" src=\"[^\"]*\"").matcher(page).results().map(m -> m.group()).toList(),
        "the operator's own script is the only asset");
    String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"), csp);
    HttpResponse<String> script = get("/assets/tour.js");
    assertEquals(200, script.statusCode());
    assertTrue(script.headers().firstValue("Content-Type").orElseThrow().contains("javascript"));
    assertTrue(script.body().contains("DOMParser"), "the live update is in the bundled script");
  }

  @Test
  void tourPageEscapesHostileContent() throws Exception {
    HttpResponse<String> r = get("/tours/evil");
    assertEquals(200, r.statusCode());
    assertNoInjection(r.body());
    assertTrue(r.body().contains("&lt;img src=x onerror=alert(1)&gt;"));
  }

  @Test
  void koreanToursGetKoreanLabels() throws Exception {
    String page = get("/tours/demo-ko").body();
    assertTrue(page.contains("<html lang=\"ko\">"));
    assertTrue(page.contains("문서에 적힌 흐름"), page);
    assertTrue(page.contains("사실과 다름"));
  }

  @Test
  void apiReturnsTheStatusAsJson() throws Exception {
    HttpResponse<String> r = get("/api/tours/demo");
    assertEquals(200, r.statusCode());
    assertEquals(
        "application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(r.body().startsWith("{"), r.body());
    assertTrue(r.body().contains("\"verdict\":\"Contradicted\""), r.body());
    assertTrue(r.body().contains("\"stopsDone\":\"1/1\""));
  }

  @Test
  void unknownPathsAndToursAre404AndOtherMethods405() throws Exception {
    for (String path :
        List.of(
            "/nope",
            "/tours/missing",
            "/tours/",
            "/api/tours/missing",
            "/tours/demo/extra",
            "/metricsx")) {
      assertEquals(404, get(path).statusCode(), path);
    }
    HttpResponse<String> post =
        send(HttpRequest.newBuilder(uri("/")).POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(405, post.statusCode());
  }

  @Test
  void tourWithoutStatusYetHasAPageAndEmptyJson() throws Exception {
    assertTrue(get("/tours/fresh").body().contains("No status yet"));
    assertEquals("{}", get("/api/tours/fresh").body());
  }

  private static ClusterTour fresh() {
    ClusterTour tour = SampleTour.completed("fresh", Language.en);
    tour.setStatus(null);
    return tour;
  }

  private static void assertNoInjection(String html) {
    assertFalse(html.contains("<script>alert"), html);
    assertFalse(html.contains("<img"), html);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
