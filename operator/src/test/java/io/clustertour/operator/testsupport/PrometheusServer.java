package io.clustertour.operator.testsupport;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real Prometheus (hack/prometheus/build.sh: pinned, built once from the Go module proxy) run
 * from target/ with a given configuration, and its HTTP API. Under {@code CI=true} a Prometheus
 * that cannot be built fails the test instead of skipping it.
 */
public final class PrometheusServer implements AutoCloseable {
  private static final Path BUILD = Path.of("../hack/prometheus/build.sh");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final int port;
  private final Path log;
  private final HttpClient http = HttpClient.newHttpClient();

  private PrometheusServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** The directory holding the pinned prometheus and promtool, built on first use. */
  public static synchronized Path binaries() {
    Path out = Path.of("target/prometheus-build.log");
    try {
      Process build =
          new ProcessBuilder("bash", BUILD.toString())
              .redirectError(out.toFile())
              .redirectOutput(ProcessBuilder.Redirect.PIPE)
              .start();
      String stdout = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = build.waitFor();
      List<String> lines = stdout.lines().toList();
      if (exit == 0 && !lines.isEmpty()) {
        return Path.of(lines.get(lines.size() - 1));
      }
      unavailable("hack/prometheus/build.sh failed (exit " + exit + "), see " + out);
    } catch (IOException e) {
      unavailable("cannot run hack/prometheus/build.sh: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      unavailable("interrupted while building Prometheus");
    }
    throw new IllegalStateException("unreachable");
  }

  private static void unavailable(String why) {
    Required.unavailable(why, "the Prometheus tests");
  }

  /** Starts Prometheus on a free loopback port with this config (rule files beside it). */
  public static PrometheusServer start(Path dir, String configYaml) {
    try {
      Path bin = binaries();
      Files.createDirectories(dir);
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(config, configYaml);
      int port = freePort();
      Path log = dir.resolve("prometheus.log");
      Process p =
          new ProcessBuilder(
                  bin.resolve("prometheus").toString(),
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + dir.resolve("data"),
                  "--web.listen-address=127.0.0.1:" + port,
                  "--log.level=info")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      PrometheusServer server = new PrometheusServer(p, port, log);
      await("Prometheus ready")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .failFast("prometheus exited, see " + log, () -> !p.isAlive())
          .ignoreExceptions()
          .until(() -> server.get("/-/ready").statusCode() == 200);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code promtool ARGS...} with stdin; returns exit code and combined output. */
  public static Map.Entry<Integer, String> promtool(String stdin, String... args) {
    try {
      List<String> command =
          java.util.stream.Stream.concat(
                  java.util.stream.Stream.of(binaries().resolve("promtool").toString()),
                  java.util.Arrays.stream(args))
              .toList();
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (var in = p.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return Map.entry(p.waitFor(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GET /api/v1/... with query parameters; returns the {@code data} node (status must be ok). */
  public JsonNode api(String path, Map<String, String> params) {
    String query =
        params.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    try {
      HttpResponse<String> r = get(path + (query.isEmpty() ? "" : "?" + query));
      JsonNode body = JSON.readTree(r.body());
      if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
        throw new AssertionError(path + " " + params + " -> " + r.statusCode() + " " + r.body());
      }
      return body.path("data");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An instant query at {@code at}. */
  public JsonNode query(String promql, Instant at) {
    return api("/api/v1/query", Map.of("query", promql, "time", seconds(at)));
  }

  /** A range query from {@code start} to {@code end} every {@code step}. */
  public JsonNode queryRange(String promql, Instant start, Instant end, Duration step) {
    return api(
        "/api/v1/query_range",
        Map.of(
            "query",
            promql,
            "start",
            seconds(start),
            "end",
            seconds(end),
            "step",
            String.valueOf(step.toMillis() / 1000.0)));
  }

  /** Active alerts (pending or firing): name and state of each. */
  public List<Map.Entry<String, String>> alerts() {
    JsonNode alerts = api("/api/v1/alerts", Map.of()).path("alerts");
    return java.util.stream.StreamSupport.stream(alerts.spliterator(), false)
        .map(a -> Map.entry(a.path("labels").path("alertname").asText(), a.path("state").asText()))
        .toList();
  }

  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private HttpResponse<String> get(String pathAndQuery) throws IOException {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .build();
    try {
      return http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static String seconds(Instant t) {
    return String.format(java.util.Locale.ROOT, "%.3f", t.toEpochMilli() / 1000.0);
  }

  @Override
  public void close() {
    process.destroy();
    await("Prometheus stopped").atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
