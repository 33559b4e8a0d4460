package io.clustertour.operator.web;

import com.sun.net.httpserver.HttpExchange;
import io.clustertour.operator.api.ClusterTour;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operator's HTTP endpoint: metrics, probes and the read-only tour view, on the JDK server. */
public final class HttpServer {
  static {
    // The JDK's server leaves Nagle's algorithm on: a small reply then waits for the client's
    // delayed ACK, about 40 ms per audit batch (measured by make bench-receivers, which also runs
    // with -Dsun.net.httpserver.nodelay=false for comparison).
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPENMETRICS_FORMAT =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";
  private static final String HTML = "text/html; charset=utf-8";
  private static final String PLAIN = "text/plain; charset=utf-8";
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
  private static final String SCRIPT = script();

  private final int port;
  private final PrometheusMeterRegistry registry;
  private final BooleanSupplier live;
  private final BooleanSupplier ready;
  private final Supplier<List<ClusterTour>> tours;
  private final KubernetesSerialization json = new KubernetesSerialization();
  private com.sun.net.httpserver.HttpServer server;
  private ExecutorService executor;

  public HttpServer(
      int port,
      PrometheusMeterRegistry registry,
      BooleanSupplier live,
      BooleanSupplier ready,
      Supplier<List<ClusterTour>> tours) {
    this.port = port;
    this.registry = registry;
    this.live = live;
    this.ready = ready;
    this.tours = tours;
  }

  /** Binds the port (0 picks a free one, see {@link #port()}) and starts serving. */
  public synchronized void start() throws IOException {
    server = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(port), 0);
    // Two threads: scrapes and probes must not queue behind a slow page render, and the
    // machine is small.
    executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "clustertour-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    LOG.info("HTTP server listening on port {}", port());
  }

  /** The bound port; differs from the constructor's when that was 0. */
  public synchronized int port() {
    return server == null ? port : server.getAddress().getPort();
  }

  public synchronized void stop() {
    if (server != null) {
      // No grace period: idle keep-alive connections would hold it for the whole delay, and a
      // scrape cut short at shutdown is harmless.
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        send(ex, 405, PLAIN, "method not allowed\n");
        return;
      }
      route(ex, ex.getRequestURI().getPath());
    } catch (RuntimeException e) {
      LOG.warn("HTTP {} failed", ex.getRequestURI(), e);
      send(ex, 500, PLAIN, "internal error\n");
    }
  }

  private void route(HttpExchange ex, String path) throws IOException {
    switch (path) {
      case "/metrics" -> metrics(ex);
      case "/healthz" -> probe(ex, live, "not live: the operator is not running\n");
      case "/readyz" ->
          probe(ex, ready, "not ready: the operator has not started or lost its watches\n");
      case "/" -> send(ex, 200, HTML, TourListPage.render(tours.get(), Instant.now()));
      case Page.SCRIPT -> send(ex, 200, "text/javascript; charset=utf-8", SCRIPT);
      default -> {
        if (path.startsWith("/tours/")) {
          Optional<ClusterTour> tour = find(path.substring("/tours/".length()));
          if (tour.isPresent()) {
            send(ex, 200, HTML, TourPage.render(tour.get(), Instant.now()));
            return;
          }
        } else if (path.startsWith("/api/tours/")) {
          Optional<ClusterTour> tour = find(path.substring("/api/tours/".length()));
          if (tour.isPresent()) {
            Object status = tour.get().getStatus();
            String body = status == null ? "{}" : json.asJson(status);
            send(ex, 200, "application/json; charset=utf-8", body);
            return;
          }
        }
        send(ex, 404, PLAIN, "not found\n");
      }
    }
  }

  private void metrics(HttpExchange ex) throws IOException {
    String accept = ex.getRequestHeaders().getFirst("Accept");
    // Only two formats are offered, so the content type always matches what the writer wrote.
    boolean openMetrics = accept != null && accept.contains("application/openmetrics-text");
    String type = openMetrics ? OPENMETRICS_FORMAT : TEXT_FORMAT;
    send(ex, 200, type, registry.scrape(type));
  }

  /** The page script, bundled in the jar: the page works offline and loads nothing else. */
  private static String script() {
    try (InputStream in = HttpServer.class.getResourceAsStream("/web/tour.js")) {
      if (in == null) {
        throw new IllegalStateException("web/tour.js is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void probe(HttpExchange ex, BooleanSupplier check, String failure)
      throws IOException {
    if (check.getAsBoolean()) {
      send(ex, 200, PLAIN, "ok\n");
    } else {
      send(ex, 503, PLAIN, failure);
    }
  }

  private Optional<ClusterTour> find(String name) {
    if (name.isEmpty() || name.contains("/")) {
      return Optional.empty();
    }
    return tours.get().stream()
        .filter(t -> t.getMetadata() != null && name.equals(t.getMetadata().getName()))
        .findFirst();
  }

  private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    var h = ex.getResponseHeaders();
    h.set("Content-Type", type);
    h.set("Cache-Control", "no-store");
    h.set("X-Content-Type-Options", "nosniff");
    // Pages are self-contained: inline styles and the operator's own script, nothing from
    // elsewhere.
    h.set(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(code, head ? -1 : bytes.length == 0 ? -1 : bytes.length);
    if (!head && bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
