package io.clustertour.operator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Load built from the captured audit batch and OTLP exports of a real tour (namespace {@value
 * #CAPTURED}): copies with fresh ids, most of them moved to namespaces that are not tours.
 */
final class LoadBodies {
  static final String CAPTURED = "capt1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private LoadBodies() {}

  static String foreign(long index) {
    return "load-" + (index % 37);
  }

  /**
   * {@code count} audit EventList bodies of {@code size} events each; every {@code tourPeriod}-th
   * event stays in the tour's namespace.
   */
  static List<byte[]> auditBatches(Path capture, int count, int size, int tourPeriod)
      throws IOException {
    JsonNode items = JSON.readTree(capture.toFile()).path("items");
    List<byte[]> out = new ArrayList<>();
    long k = 0;
    long tour = 0;
    for (int b = 0; b < count; b++) {
      ObjectNode list = JSON.createObjectNode();
      list.put("kind", "EventList").put("apiVersion", "audit.k8s.io/v1");
      ArrayNode batch = list.putArray("items");
      for (int i = 0; i < size; i++, k++) {
        boolean forTour = LoadMath.forTour(k, tourPeriod);
        // the tour's share walks through all captured events, not only every period-th one
        long template = forTour ? tour++ : k;
        ObjectNode e = items.get((int) (template % items.size())).deepCopy();
        String ns = forTour ? CAPTURED : foreign(k);
        e.put("auditID", new UUID(b, k).toString());
        e.put("requestURI", e.path("requestURI").asText().replace("/" + CAPTURED, "/" + ns));
        ObjectNode ref = (ObjectNode) e.path("objectRef");
        if (ref.has("namespace")) {
          ref.put("namespace", ns);
        } else if ("namespaces".equals(ref.path("resource").asText())) {
          ref.put("name", ns);
        }
        batch.add(e);
      }
      out.add(JSON.writeValueAsBytes(list));
    }
    return out;
  }

  /**
   * {@code count} OTLP exports, each the captured exports repeated {@code copies} times; every
   * {@code tourPeriod}-th copy stays in the tour's namespace, each copy with traces of its own.
   */
  static List<ExportTraceServiceRequest> traceExports(
      List<Path> captures, int count, int copies, int tourPeriod) throws IOException {
    List<ResourceSpans> scenario = new ArrayList<>();
    for (Path p : captures) {
      scenario.addAll(
          ExportTraceServiceRequest.parseFrom(Files.readAllBytes(p)).getResourceSpansList());
    }
    List<ExportTraceServiceRequest> out = new ArrayList<>();
    long k = 0;
    for (int x = 0; x < count; x++) {
      ExportTraceServiceRequest.Builder export = ExportTraceServiceRequest.newBuilder();
      for (int c = 0; c < copies; c++, k++) {
        String ns = LoadMath.forTour(k, tourPeriod) ? CAPTURED : foreign(k);
        for (ResourceSpans rs : scenario) {
          export.addResourceSpans(moved(rs, ns, k));
        }
      }
      out.add(export.build());
    }
    return out;
  }

  static int spans(ExportTraceServiceRequest export) {
    return export.getResourceSpansList().stream()
        .flatMap(rs -> rs.getScopeSpansList().stream())
        .mapToInt(ScopeSpans::getSpansCount)
        .sum();
  }

  private static ResourceSpans moved(ResourceSpans rs, String ns, long copy) {
    ResourceSpans.Builder b = rs.toBuilder();
    for (ScopeSpans.Builder scope : b.getScopeSpansBuilderList()) {
      for (Span.Builder s : scope.getSpansBuilderList()) {
        s.setTraceId(renumbered(s.getTraceId(), copy));
        s.setSpanId(renumbered(s.getSpanId(), copy));
        if (!s.getParentSpanId().isEmpty()) {
          s.setParentSpanId(renumbered(s.getParentSpanId(), copy));
        }
        for (KeyValue.Builder kv : s.getAttributesBuilderList()) {
          String v = kv.getValue().getStringValue();
          switch (kv.getKey()) {
            case "key" -> kv.setValue(text(movedKey(v, ns)));
            case "k8s.namespace.name" -> kv.setValue(text(ns));
            case "audit-id" -> kv.setValue(text(new UUID(copy, v.hashCode()).toString()));
            default -> {}
          }
        }
      }
    }
    return b.build();
  }

  // a storage key names the namespace inside (/pods/NS/NAME) or last (/namespaces/NS)
  static String movedKey(String key, String ns) {
    String moved = key.replace("/" + CAPTURED + "/", "/" + ns + "/");
    return moved.endsWith("/" + CAPTURED)
        ? moved.substring(0, moved.length() - CAPTURED.length()) + ns
        : moved;
  }

  // the copy's number in the id's first bytes: copies never share a trace, a span or a join
  private static ByteString renumbered(ByteString id, long copy) {
    if (id.size() < 8) {
      return id;
    }
    byte[] bytes = id.toByteArray();
    ByteBuffer.wrap(bytes)
        .putLong(0, ByteBuffer.wrap(bytes).getLong(0) ^ (copy * 0x9E3779B97F4A7C15L));
    return ByteString.copyFrom(bytes);
  }

  private static AnyValue text(String v) {
    return AnyValue.newBuilder().setStringValue(v).build();
  }
}
