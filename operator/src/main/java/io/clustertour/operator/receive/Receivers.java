package io.clustertour.operator.receive;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's evidence receivers (audit webhook, OTLP traces), each started only when
 * configured. One that cannot start is reported, not fatal: tours then say which evidence is
 * missing and why.
 */
public final class Receivers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Receivers.class);

  /**
   * Where and how to listen; a null port leaves that receiver off.
   *
   * @param auditPort HTTPS port of the audit webhook
   * @param auditBind address the webhook binds
   * @param tlsCert serving certificate (PEM)
   * @param tlsKey its PKCS#8 key (PEM)
   * @param clientCa CA that signed the API server's webhook client certificate (PEM)
   * @param otlpPort OTLP/gRPC port
   * @param otlpBind address the trace receiver binds
   */
  public record Settings(
      Integer auditPort,
      String auditBind,
      Path tlsCert,
      Path tlsKey,
      Path clientCa,
      Integer otlpPort,
      String otlpBind) {

    /** Both receivers off. */
    public static Settings off() {
      return new Settings(null, null, null, null, null, null, null);
    }

    /**
     * From AUDIT_WEBHOOK_PORT, AUDIT_WEBHOOK_BIND, AUDIT_TLS_CERT, AUDIT_TLS_KEY, AUDIT_CLIENT_CA,
     * OTLP_GRPC_PORT and OTLP_GRPC_BIND.
     */
    public static Settings fromEnv(Map<String, String> env) {
      return new Settings(
          port(env.get("AUDIT_WEBHOOK_PORT")),
          env.getOrDefault("AUDIT_WEBHOOK_BIND", "0.0.0.0"),
          path(env.get("AUDIT_TLS_CERT")),
          path(env.get("AUDIT_TLS_KEY")),
          path(env.get("AUDIT_CLIENT_CA")),
          port(env.get("OTLP_GRPC_PORT")),
          env.getOrDefault("OTLP_GRPC_BIND", "127.0.0.1"));
    }

    private static Integer port(String value) {
      return value == null || value.isBlank() ? null : Integer.valueOf(value.trim());
    }

    private static Path path(String value) {
      return value == null || value.isBlank() ? null : Path.of(value.trim());
    }
  }

  private final ReceiverStats auditStats = new ReceiverStats();
  private final ReceiverStats traceStats = new ReceiverStats();
  private volatile AuditWebhook audit;
  private volatile TraceReceiver traces;
  private volatile String auditProblem = "not configured (AUDIT_WEBHOOK_PORT unset)";
  private volatile String traceProblem = "not configured (OTLP_GRPC_PORT unset)";

  private Receivers() {}

  /** Starts what {@code settings} configure; failures are logged and kept as the reason. */
  public static Receivers start(Settings settings, EvidenceSink sink) {
    Receivers r = new Receivers();
    if (settings.auditPort() != null) {
      try {
        if (settings.tlsCert() == null
            || settings.tlsKey() == null
            || settings.clientCa() == null) {
          throw new IllegalArgumentException(
              "AUDIT_TLS_CERT, AUDIT_TLS_KEY and AUDIT_CLIENT_CA are needed");
        }
        AuditWebhook webhook =
            new AuditWebhook(
                new InetSocketAddress(settings.auditBind(), settings.auditPort()),
                PemFiles.serverContext(settings.tlsCert(), settings.tlsKey(), settings.clientCa()),
                sink,
                r.auditStats);
        webhook.start();
        r.audit = webhook;
        r.auditProblem = null;
      } catch (IOException | RuntimeException e) {
        r.auditProblem = "audit webhook could not start: " + e.getMessage();
        LOG.warn("{}", r.auditProblem);
      }
    }
    if (settings.otlpPort() != null) {
      TraceReceiver receiver = null;
      try {
        receiver =
            new TraceReceiver(
                new InetSocketAddress(settings.otlpBind(), settings.otlpPort()),
                sink,
                r.traceStats);
        receiver.start();
        r.traces = receiver;
        r.traceProblem = null;
      } catch (IOException | RuntimeException e) {
        if (receiver != null) {
          receiver.close();
        }
        r.traceProblem = "trace receiver could not start: " + e.getMessage();
        LOG.warn("{}", r.traceProblem);
      }
    }
    return r;
  }

  /**
   * Waits up to {@code limit} for the trace receiver's first export (the components send every few
   * hundred ms); returns at once when it is not running.
   */
  public void awaitFirstSpans(java.time.Duration limit) {
    long end = System.nanoTime() + limit.toNanos();
    while (traces != null && traceStats.received() == 0 && System.nanoTime() < end) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  public ReceiverStats auditStats() {
    return auditStats;
  }

  public ReceiverStats traceStats() {
    return traceStats;
  }

  /** Why the audit webhook is not running, or {@code null} when it is. */
  public String auditProblem() {
    return auditProblem;
  }

  /** Why the trace receiver is not running, or {@code null} when it is. */
  public String traceProblem() {
    return traceProblem;
  }

  /** Port of the running audit webhook, or -1. */
  public int auditPort() {
    AuditWebhook a = audit;
    return a == null ? -1 : a.port();
  }

  /** Port of the running trace receiver, or -1. */
  public int tracePort() {
    TraceReceiver t = traces;
    return t == null ? -1 : t.port();
  }

  @Override
  public void close() {
    if (audit != null) {
      audit.close();
    }
    if (traces != null) {
      traces.close();
    }
  }

  static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return runnable -> {
      Thread t = new Thread(runnable, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
