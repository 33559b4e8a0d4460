package io.clustertour.operator.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The receivers on real sockets, fed the real API server's and kubelet's output and bad input. */
class ReceiversTest {
  static final Path TLS = Path.of("src/test/resources/evidence/tls");
  static final Path SAMPLES = Path.of("src/test/resources/evidence");

  final List<AuditRecord> audited = new CopyOnWriteArrayList<>();
  final List<Span> traced = new CopyOnWriteArrayList<>();
  Receivers receivers;
  ManagedChannel channel;

  @BeforeEach
  void start() {
    EvidenceSink sink =
        new EvidenceSink() {
          @Override
          public int audited(List<AuditRecord> records) {
            audited.addAll(records);
            return records.size();
          }

          @Override
          public int traced(List<Span> spans) {
            traced.addAll(spans);
            return spans.size();
          }
        };
    receivers = Receivers.start(ReceiverClientTls.loopbackSettings(TLS), sink);
    assertThat(receivers.auditProblem()).isNull();
    assertThat(receivers.traceProblem()).isNull();
    channel =
        NettyChannelBuilder.forAddress("127.0.0.1", receivers.tracePort()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    receivers.close();
  }

  @Test
  void acceptsTheApiServersAuditBatchFromItsClientCertificate() throws Exception {
    HttpResponse<String> answer = post(client("apiserver"), sample("audit-capt1.json"), "/audit");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(audited).hasSize(20);
    AuditRecord binding =
        audited.stream().filter(r -> "binding".equals(r.subresource())).findFirst().orElseThrow();
    assertThat(binding.user()).isEqualTo("system:kube-scheduler");
    assertThat(binding.verb()).isEqualTo("create");
    assertThat(binding.code()).isEqualTo(201);
    assertThat(binding.received()).isBefore(binding.completed());
    assertThat(binding.received().getNano() % 1000).isZero(); // microseconds, as sent
    assertThat(binding.received().getNano() % 1_000_000).isNotZero();
    assertThat(receivers.auditStats().received()).isEqualTo(20);
  }

  @Test
  void refusesCallersWithoutAClientCertificateOfTheTrustedCa() throws Exception {
    assertThatThrownBy(() -> post(client(null), sample("audit-capt1.json"), "/audit"))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> post(client("stranger"), sample("audit-capt1.json"), "/audit"))
        .isInstanceOf(IOException.class);
    assertThat(audited).isEmpty();
    // and it still serves the API server afterwards
    assertThat(post(client("apiserver"), sample("audit-capt1.json"), "/audit").statusCode())
        .isEqualTo(200);
  }

  @Test
  void rejectsWhatIsNotAnAuditEventListWithAReason() throws Exception {
    HttpClient apiserver = client("apiserver");
    HttpResponse<String> notJson = post(apiserver, "{not json".getBytes(), "/audit");
    HttpResponse<String> wrongKind =
        post(
            apiserver,
            "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"items\":[]}".getBytes(),
            "/audit");
    HttpResponse<String> wrongPath = post(apiserver, sample("audit-capt1.json"), "/other");

    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).startsWith("not JSON");
    assertThat(wrongKind.statusCode()).isEqualTo(400);
    assertThat(wrongKind.body()).contains("EventList");
    assertThat(wrongPath.statusCode()).isEqualTo(404);
    assertThat(receivers.auditStats().rejected()).containsEntry("malformed", 2L);
    assertThat(audited).isEmpty();
  }

  @Test
  void refusesOversizedBatchesAndSkipsIncompleteRecords() throws Exception {
    HttpClient apiserver = client("apiserver");
    byte[] huge = new byte[AuditWebhook.MAX_BODY_BYTES + 10];
    HttpResponse<String> tooLarge = post(apiserver, huge, "/audit");
    String partial =
        "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"items\":[{\"verb\":\"get\"}]}";
    HttpResponse<String> incomplete = post(apiserver, partial.getBytes(), "/audit");

    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(incomplete.statusCode()).isEqualTo(200);
    assertThat(receivers.auditStats().rejected())
        .containsEntry("too-large", 1L)
        .containsEntry("incomplete-record", 1L);
    assertThat(audited).isEmpty();
  }

  @Test
  void keepsTheKubeletsPodAndCriSpansAndTheApiServersStorageSpans() throws Exception {
    export(ExportTraceServiceRequest.parseFrom(sample("otlp-kubelet-capt1.pb")));
    export(ExportTraceServiceRequest.parseFrom(sample("otlp-apiserver-capt1.pb")));

    assertThat(traced)
        .extracting(Span::name)
        .contains(
            "syncPod",
            "runtime.v1.RuntimeService/RunPodSandbox",
            "runtime.v1.RuntimeService/CreateContainer",
            "runtime.v1.RuntimeService/StartContainer",
            "Create etcd3");
    Span sync = traced.stream().filter(s -> s.name().equals("syncPod")).findFirst().orElseThrow();
    assertThat(sync.service()).isEqualTo("kubelet");
    assertThat(sync.host()).isEqualTo("vm");
    assertThat(sync.attribute("k8s.pod.uid")).isNotBlank();
    Span etcd =
        traced.stream().filter(s -> s.name().equals("Create etcd3")).findFirst().orElseThrow();
    assertThat(etcd.attribute("key")).startsWith("/");
    assertThat(etcd.attribute("audit-id")).isNotBlank();
    // the API server's own sub-spans without a key (serialisation, authentication) are not kept
    assertThat(traced).noneMatch(s -> s.name().equals("SerializeObject"));
  }

  @Test
  void rejectsMalformedAndOversizedExportsAndKeepsServing() throws Exception {
    MethodDescriptor<byte[], byte[]> raw =
        TraceServiceGrpc.getExportMethod().toBuilder(new Bytes(), new Bytes()).build();
    assertThatThrownBy(
            () ->
                ClientCalls.blockingUnaryCall(
                    channel, raw, CallOptions.DEFAULT, new byte[] {0x0a, 0x7f, 0x01}))
        .isInstanceOf(StatusRuntimeException.class);
    byte[] tooBig = new byte[TraceReceiver.MAX_MESSAGE_BYTES + 1];
    assertThatThrownBy(
            () -> ClientCalls.blockingUnaryCall(channel, raw, CallOptions.DEFAULT, tooBig))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessageContaining("RESOURCE_EXHAUSTED");
    ScopeSpans.Builder many = ScopeSpans.newBuilder();
    for (int i = 0; i <= TraceReceiver.MAX_SPANS; i++) {
      many.addSpans(
          io.opentelemetry.proto.trace.v1.Span.newBuilder()
              .setName("x")
              .setTraceId(ByteString.copyFrom(new byte[16])));
    }
    ExportTraceServiceRequest flood =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(many))
            .build();
    assertThatThrownBy(() -> export(flood)).hasMessageContaining("RESOURCE_EXHAUSTED");
    assertThat(receivers.traceStats().rejected()).containsEntry("too-many-spans", 1L);

    export(ExportTraceServiceRequest.parseFrom(sample("otlp-kubelet-capt1.pb")));
    assertThat(traced).isNotEmpty();
  }

  private void export(ExportTraceServiceRequest request) {
    TraceServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .export(request);
  }

  private HttpResponse<String> post(HttpClient client, byte[] body, String path)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + receivers.auditPort() + path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Content-Type", "application/json")
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpClient client(String identity) throws Exception {
    SSLContext tls;
    if (identity == null) {
      tls = SSLContext.getInstance("TLS");
      tls.init(null, PemFilesTrust.trusting(TLS.resolve("test-ca.crt")), null);
    } else {
      Path ca =
          identity.equals("stranger") ? TLS.resolve("other-ca.crt") : TLS.resolve("test-ca.crt");
      tls =
          PemFiles.serverContext(
              TLS.resolve(identity + ".crt"), TLS.resolve(identity + ".key"), ca);
      if (identity.equals("stranger")) {
        // trusts the receiver's CA too, so only its own certificate is the problem
        SSLContext both = SSLContext.getInstance("TLS");
        both.init(
            PemFilesTrust.keys(TLS.resolve("stranger.crt"), TLS.resolve("stranger.key")),
            PemFilesTrust.trusting(TLS.resolve("test-ca.crt")),
            null);
        tls = both;
      }
    }
    return HttpClient.newBuilder().sslContext(tls).build();
  }

  private static byte[] sample(String name) {
    try {
      return Files.readAllBytes(SAMPLES.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Passes bytes through unchanged, so malformed protobuf can be sent. */
  private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
