package io.clustertour.operator.bench;

import io.clustertour.operator.observe.Interactions;
import io.clustertour.operator.receive.AuditEvents;
import io.clustertour.operator.receive.AuditRecord;
import io.clustertour.operator.receive.EvidenceSink;
import io.clustertour.operator.receive.OtlpSpans;
import io.clustertour.operator.receive.ReceiverClientTls;
import io.clustertour.operator.receive.ReceiverStats;
import io.clustertour.operator.receive.Receivers;
import io.clustertour.operator.receive.Span;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The evidence receivers under cluster-wide audit and trace load, through their real endpoints (the
 * mTLS audit webhook, OTLP/gRPC) and the operator's real filter ({@link Interactions}), in this
 * JVM; needs no cluster. Runnable alone: {@code -Dbench.only=receivers}.
 */
final class ReceiverLoad {
  static final Path EVIDENCE = Path.of("src/test/resources/evidence");
  static final Path TLS = EVIDENCE.resolve("tls");

  /** How the load is shaped. */
  record Shape(
      int seconds, int eventsPerBatch, int scenarioCopiesPerExport, int tourPeriod, int pool) {
    static Shape fromProperties() {
      return new Shape(
          Integer.getInteger("bench.receivers.seconds", 20),
          Integer.getInteger("bench.receivers.batch", 100),
          Integer.getInteger("bench.receivers.copies", 8),
          20,
          50);
    }
  }

  /** One receiver under load from some senders for a fixed time. */
  record Phase(
      String receiver,
      int senders,
      double seconds,
      long batches,
      long failedBatches,
      long itemsSent,
      long tourItemsSent,
      double itemsPerSecond,
      long receivedByReceiver,
      long handedToFilter,
      long recordedForTour,
      double recordedPercent,
      Double expectedForTour,
      long statsKept,
      Map<String, Long> rejected,
      long unjoined,
      Stats batchMs,
      double heapBeforeMiB,
      double heapAfterMiB,
      Double retainedKiBPer100k,
      double jvmCpuPercent) {}

  /** All phases and how they were run. */
  record Result(
      String date,
      String command,
      Shape shape,
      double tourSharePercent,
      int spansPerExport,
      int auditBytesPerBatch,
      String jvm,
      boolean httpServerNoDelay,
      List<Phase> phases) {
    /** Its key in results.json: the JDK's HTTP server Nagles its answers unless told not to. */
    String key() {
      return httpServerNoDelay ? "receiversNoDelay" : "receivers";
    }
  }

  private final Shape shape;
  private final List<byte[]> auditBodies;
  private final List<ExportTraceServiceRequest> exports;
  // per body: how many audit events, or scenario copies, are the tour's
  private final long[] auditTour;
  private final long[] exportTour;
  // what the filter records from one tour event, or one tour copy, on its own (joins given up on)
  private final double recordedPerTourEvent;
  private final double recordedPerTourCopy;

  private ReceiverLoad(Shape shape) throws Exception {
    this.shape = shape;
    auditBodies =
        LoadBodies.auditBatches(
            EVIDENCE.resolve("audit-capt1.json"),
            shape.pool(),
            shape.eventsPerBatch(),
            shape.tourPeriod());
    exports =
        LoadBodies.traceExports(
            List.of(
                EVIDENCE.resolve("otlp-apiserver-capt1.pb"),
                EVIDENCE.resolve("otlp-kubelet-capt1.pb")),
            shape.pool(),
            shape.scenarioCopiesPerExport(),
            shape.tourPeriod());
    auditTour = new long[auditBodies.size()];
    exportTour = new long[exports.size()];
    for (int i = 0; i < auditTour.length; i++) {
      long size = shape.eventsPerBatch();
      auditTour[i] = LoadMath.tourItems(i * size, size, shape.tourPeriod());
      long copies = shape.scenarioCopiesPerExport();
      exportTour[i] = LoadMath.tourItems(i * copies, copies, shape.tourPeriod());
    }
    recordedPerTourEvent =
        alone(LoadBodies.auditBatches(EVIDENCE.resolve("audit-capt1.json"), 1, 20, 1), null) / 20.0;
    recordedPerTourCopy =
        alone(
            null,
            LoadBodies.traceExports(
                    List.of(
                        EVIDENCE.resolve("otlp-apiserver-capt1.pb"),
                        EVIDENCE.resolve("otlp-kubelet-capt1.pb")),
                    1,
                    1,
                    1)
                .get(0));
  }

  /** Observations the filter records from tour-only input, once every join wait has passed. */
  private static long alone(List<byte[]> audit, ExportTraceServiceRequest export) {
    AtomicLong recorded = new AtomicLong();
    AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    Clock clock =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    Interactions filter = filter(recorded, clock);
    if (audit != null) {
      audit.forEach(b -> filter.audited(AuditEvents.parse(b).records()));
    } else {
      filter.traced(OtlpSpans.read(export).kept());
    }
    now.set(now.get().plusSeconds(60));
    filter.audited(List.of());
    filter.traced(List.of());
    return recorded.get();
  }

  private static Interactions filter(AtomicLong recorded, Clock clock) {
    // the watch caches hold the tour's objects (a tour's own namespace), nothing else
    return new Interactions(
        LoadBodies.CAPTURED::equals,
        o -> recorded.incrementAndGet(),
        (kind, ns, name) -> LoadBodies.CAPTURED.equals(ns) ? "uid-" + kind + "-" + name : null,
        "clustertour-bench/receivers",
        clock);
  }

  static Result run(String command) throws Exception {
    Shape shape = Shape.fromProperties();
    ReceiverLoad load = new ReceiverLoad(shape);
    Bench.say(
        "receivers: "
            + shape.eventsPerBatch()
            + " audit events per batch, "
            + LoadBodies.spans(load.exports.get(0))
            + " spans per export, "
            + shape.seconds()
            + " s per phase");
    // a short unmeasured round of each so the measured phases do not pay for class loading and JIT
    load.phase("audit", 1, 3);
    load.phase("traces", 1, 3);
    List<Phase> phases = new ArrayList<>();
    for (String receiver : List.of("audit", "traces")) {
      for (int senders : List.of(1, 2)) {
        Phase p = load.phase(receiver, senders, shape.seconds());
        Bench.say("receivers: " + p);
        phases.add(p);
      }
    }
    return new Result(
        Instant.now().toString(),
        command,
        shape,
        100.0 / shape.tourPeriod(),
        LoadBodies.spans(load.exports.get(0)),
        load.auditBodies.get(0).length,
        "OpenJDK "
            + System.getProperty("java.runtime.version")
            + ", -Xmx "
            + Runtime.getRuntime().maxMemory() / (1024 * 1024)
            + " MiB, "
            + ManagementFactory.getGarbageCollectorMXBeans().get(0).getName(),
        Boolean.getBoolean("sun.net.httpserver.nodelay"),
        phases);
  }

  private Phase phase(String receiver, int senders, int seconds) throws Exception {
    AtomicLong handed = new AtomicLong();
    AtomicLong recorded = new AtomicLong();
    Interactions filter = filter(recorded, Clock.systemUTC());
    EvidenceSink sink =
        new EvidenceSink() {
          @Override
          public int audited(List<AuditRecord> records) {
            handed.addAndGet(records.size());
            return filter.audited(records);
          }

          @Override
          public int traced(List<Span> spans) {
            handed.addAndGet(spans.size());
            return filter.traced(spans);
          }
        };
    long heapBefore = heapAfterGc();
    try (Receivers receivers = Receivers.start(ReceiverClientTls.loopbackSettings(TLS), sink)) {
      if (receivers.auditProblem() != null || receivers.traceProblem() != null) {
        throw new IllegalStateException(receivers.auditProblem() + "; " + receivers.traceProblem());
      }
      ExecutorService pool = Executors.newFixedThreadPool(senders);
      Tally tally = Tally.empty();
      long cpuStart = cpuNanos();
      long start = System.nanoTime();
      long end = start + TimeUnit.SECONDS.toNanos(seconds);
      List<Future<?>> running = new ArrayList<>();
      for (int s = 0; s < senders; s++) {
        int offset = s * shape.pool() / senders;
        Callable<Void> sender =
            receiver.equals("audit")
                ? () -> sendAudit(receivers.auditPort(), offset, end, tally)
                : () -> sendTraces(receivers.tracePort(), offset, end, tally);
        running.add(pool.submit(sender));
      }
      for (Future<?> f : running) {
        f.get();
      }
      long elapsed = System.nanoTime() - start;
      double cpu = 100.0 * (cpuNanos() - cpuStart) / elapsed;
      pool.shutdown();
      long heapAfter = heapAfterGc();
      ReceiverStats stats =
          receiver.equals("audit") ? receivers.auditStats() : receivers.traceStats();
      return new Phase(
          receiver,
          senders,
          elapsed / 1e9,
          tally.latencies().size(),
          tally.failed().get(),
          tally.items().get(),
          tally.tourItems().get(),
          LoadMath.perSecond(stats.received(), elapsed),
          stats.received(),
          handed.get(),
          recorded.get(),
          LoadMath.percent(recorded.get(), stats.received()),
          receiver.equals("audit")
              ? tally.tourItems().get() * recordedPerTourEvent
              : tally.tourItems().get() * recordedPerTourCopy,
          stats.kept(),
          stats.rejected(),
          filter.unjoined(),
          Stats.of(tally.latencies().stream().map(ns -> ns / 1e6).toList()),
          heapBefore / 1048576.0,
          heapAfter / 1048576.0,
          LoadMath.kibPer100k(heapAfter - heapBefore, stats.received()),
          cpu);
    }
  }

  /** What the senders of one phase counted. */
  private record Tally(
      List<Long> latencies, AtomicLong items, AtomicLong tourItems, AtomicLong failed) {
    static Tally empty() {
      return new Tally(
          Collections.synchronizedList(new ArrayList<>()),
          new AtomicLong(),
          new AtomicLong(),
          new AtomicLong());
    }
  }

  private Void sendAudit(int port, int offset, long end, Tally tally) throws Exception {
    // one connection per sender, as the API server's webhook client keeps one alive
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(
                ReceiverClientTls.of(
                    TLS.resolve("apiserver.crt"),
                    TLS.resolve("apiserver.key"),
                    TLS.resolve("test-ca.crt")))
            .build();
    URI uri = URI.create("https://127.0.0.1:" + port + "/audit");
    for (int i = offset; System.nanoTime() < end; i++) {
      int which = i % auditBodies.size();
      byte[] body = auditBodies.get(which);
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .header("Content-Type", "application/json")
              .build();
      long t0 = System.nanoTime();
      HttpResponse<Void> answer = client.send(request, HttpResponse.BodyHandlers.discarding());
      tally.latencies().add(System.nanoTime() - t0);
      if (answer.statusCode() == 200) {
        tally.items().addAndGet(shape.eventsPerBatch());
        tally.tourItems().addAndGet(auditTour[which]);
      } else {
        tally.failed().incrementAndGet();
      }
    }
    return null;
  }

  private Void sendTraces(int port, int offset, long end, Tally tally) throws Exception {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      TraceServiceGrpc.TraceServiceBlockingStub stub = TraceServiceGrpc.newBlockingStub(channel);
      for (int i = offset; System.nanoTime() < end; i++) {
        int which = i % exports.size();
        ExportTraceServiceRequest export = exports.get(which);
        long t0 = System.nanoTime();
        try {
          stub.withDeadlineAfter(10, TimeUnit.SECONDS).export(export);
          tally.latencies().add(System.nanoTime() - t0);
          tally.items().addAndGet(LoadBodies.spans(export));
          tally.tourItems().addAndGet(exportTour[which]);
        } catch (RuntimeException e) {
          tally.latencies().add(System.nanoTime() - t0);
          tally.failed().incrementAndGet();
        }
      }
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    return null;
  }

  private static long heapAfterGc() {
    // two rounds: the first may only move survivors, and finalizable objects need a second
    ManagementFactory.getMemoryMXBean().gc();
    ManagementFactory.getMemoryMXBean().gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
