package io.clustertour.operator.receive;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit webhook the API server posts its audit batches to: HTTPS, and only callers presenting a
 * client certificate signed by the configured CA get a TLS session at all.
 */
public final class AuditWebhook implements AutoCloseable {
  static {
    // The JDK's server leaves Nagle's algorithm on: a small reply then waits for the client's
    // delayed ACK, about 40 ms per audit batch (measured by make bench-receivers, which also runs
    // with -Dsun.net.httpserver.nodelay=false for comparison).
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(AuditWebhook.class);

  /** Path the webhook kubeconfig's server URL names. */
  public static final String PATH = "/audit";

  /** Largest body accepted: a full batch of 400 Metadata-level events is well under 1 MiB. */
  public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  private final HttpsServer server;
  private final ExecutorService executor;
  private final EvidenceSink sink;
  private final ReceiverStats stats;

  AuditWebhook(InetSocketAddress address, SSLContext tls, EvidenceSink sink, ReceiverStats stats)
      throws IOException {
    this.sink = sink;
    this.stats = stats;
    server = HttpsServer.create(address, 16);
    server.setHttpsConfigurator(
        new HttpsConfigurator(tls) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters ssl = tls.getDefaultSSLParameters();
            ssl.setNeedClientAuth(true);
            params.setSSLParameters(ssl);
          }
        });
    server.createContext("/", this::handle);
    executor = Executors.newFixedThreadPool(2, Receivers.daemon("audit-webhook"));
    server.setExecutor(executor);
  }

  void start() {
    server.start();
    LOG.info("Audit webhook listening on https://{}{}", server.getAddress(), PATH);
  }

  /** The bound port (useful when started on port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        reply(exchange, 404, "only " + PATH + " is served here");
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        reply(exchange, 405, "POST an audit.k8s.io/v1 EventList");
        return;
      }
      byte[] body = readBounded(exchange.getRequestBody());
      if (body == null) {
        stats.rejected("too-large");
        reply(exchange, 413, "body over " + MAX_BODY_BYTES + " bytes");
        return;
      }
      AuditEvents.Batch batch;
      try {
        batch = AuditEvents.parse(body);
      } catch (IllegalArgumentException e) {
        stats.rejected("malformed");
        reply(exchange, 400, e.getMessage());
        return;
      }
      stats.received(batch.records().size());
      stats.sender("kube-apiserver");
      for (int i = 0; i < batch.unusable(); i++) {
        stats.rejected("incomplete-record");
      }
      try {
        stats.kept(sink.audited(batch.records()));
      } catch (RuntimeException e) {
        // a bug on our side must not make the API server resend (and fail) the batch forever
        stats.rejected("sink-error");
        LOG.warn("Audit batch could not be recorded", e);
      }
      reply(exchange, 200, "{}");
    }
  }

  private static byte[] readBounded(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    return body.length > MAX_BODY_BYTES ? null : body;
  }

  private static void reply(HttpExchange exchange, int code, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
