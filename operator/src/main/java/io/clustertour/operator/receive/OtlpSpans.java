package io.clustertour.operator.receive;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks, from one OTLP export, the spans a tour can use: the API server's storage spans (they carry
 * the etcd key and the request's audit id), the kubelet's pod spans (they carry the pod's uid) and
 * the CRI calls made inside them. The components' background polls are skipped here, so they never
 * cost memory.
 */
public final class OtlpSpans {
  static final String STORAGE_KEY = "key";
  static final String POD_UID = "k8s.pod.uid";

  private OtlpSpans() {}

  /** What one export held: the kept spans and how many spans it had in all. */
  public record Export(List<Span> kept, int total, java.util.Set<String> services) {}

  public static Export read(ExportTraceServiceRequest request) {
    List<Span> kept = new ArrayList<>();
    java.util.Set<String> services = new java.util.TreeSet<>();
    int total = 0;
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      Map<String, String> resource = attributes(resourceOf(resourceSpans).getAttributesList());
      String service = resource.getOrDefault("service.name", "unknown");
      String host = resource.get("host.name");
      services.add(service);
      for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
        for (io.opentelemetry.proto.trace.v1.Span s : scope.getSpansList()) {
          total++;
          String parent = hex(s.getParentSpanId().toByteArray());
          Map<String, String> attributes = attributes(s.getAttributesList());
          if (useful(s.getName(), parent, attributes)) {
            kept.add(
                new Span(
                    service,
                    host,
                    hex(s.getTraceId().toByteArray()),
                    hex(s.getSpanId().toByteArray()),
                    parent,
                    s.getName(),
                    instant(s.getStartTimeUnixNano()),
                    instant(s.getEndTimeUnixNano()),
                    s.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR,
                    attributes));
          }
        }
      }
    }
    return new Export(kept, total, services);
  }

  /** Storage spans, pod spans, and CRI calls that have a parent (made while syncing a pod). */
  static boolean useful(String name, String parent, Map<String, String> attributes) {
    if (attributes.containsKey(STORAGE_KEY) && attributes.containsKey("audit-id")) {
      return true;
    }
    if (attributes.containsKey(POD_UID)) {
      return true;
    }
    return name.startsWith("runtime.v1.") && !parent.isEmpty();
  }

  private static Resource resourceOf(ResourceSpans spans) {
    return spans.hasResource() ? spans.getResource() : Resource.getDefaultInstance();
  }

  private static Map<String, String> attributes(List<KeyValue> values) {
    Map<String, String> out = new LinkedHashMap<>();
    for (KeyValue kv : values) {
      out.put(kv.getKey(), text(kv.getValue()));
    }
    return out;
  }

  private static String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case INT_VALUE -> Long.toString(value.getIntValue());
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      default -> value.toString().strip();
    };
  }

  private static Instant instant(long unixNanos) {
    return Instant.ofEpochSecond(0, unixNanos);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
