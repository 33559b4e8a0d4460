package io.clustertour.operator.receive;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OTLP/gRPC trace receiver (the protocol the API server's and the kubelet's tracing speak):
 * accepts exports, keeps the spans a tour can use and hands them on. Plain gRPC, like the
 * components' exporters, so it listens on loopback unless configured otherwise.
 */
public final class TraceReceiver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TraceReceiver.class);

  /** Largest export accepted (gRPC's own default); bigger ones are refused by gRPC itself. */
  public static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

  /** Most spans one export may carry; the components' exporters send at most 512 per batch. */
  public static final int MAX_SPANS = 8192;

  private final Server server;
  private final ExecutorService executor;

  TraceReceiver(InetSocketAddress address, EvidenceSink sink, ReceiverStats stats) {
    executor = Executors.newFixedThreadPool(2, Receivers.daemon("otlp-receiver"));
    server =
        NettyServerBuilder.forAddress(address)
            .maxInboundMessageSize(MAX_MESSAGE_BYTES)
            .executor(executor)
            .addService(new Service(sink, stats))
            .build();
  }

  void start() throws IOException {
    server.start();
    LOG.info("OTLP/gRPC trace receiver listening on {}", server.getListenSockets());
  }

  /** The bound port (useful when started on port 0). */
  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
  }

  /** The OTLP TraceService. */
  private static final class Service extends TraceServiceGrpc.TraceServiceImplBase {
    private final EvidenceSink sink;
    private final ReceiverStats stats;

    Service(EvidenceSink sink, ReceiverStats stats) {
      this.sink = sink;
      this.stats = stats;
    }

    @Override
    public void export(
        ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> response) {
      OtlpSpans.Export export = OtlpSpans.read(request);
      if (export.total() > MAX_SPANS) {
        stats.rejected("too-many-spans");
        response.onError(
            Status.RESOURCE_EXHAUSTED
                .withDescription("more than " + MAX_SPANS + " spans in one export")
                .asRuntimeException());
        return;
      }
      stats.received(export.total());
      export.services().forEach(stats::sender);
      try {
        if (!export.kept().isEmpty()) {
          stats.kept(sink.traced(export.kept()));
        }
      } catch (RuntimeException e) {
        stats.rejected("sink-error");
        LOG.warn("Trace export could not be recorded", e);
      }
      response.onNext(ExportTraceServiceResponse.getDefaultInstance());
      response.onCompleted();
    }
  }
}
