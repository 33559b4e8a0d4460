package io.clustertour.operator.receive;

import java.time.Instant;
import java.util.Map;

/**
 * One finished trace span as a component exported it over OTLP, reduced to what a tour reads.
 *
 * @param service the exporting component ({@code service.name}: apiserver, kubelet, containerd)
 * @param host the exporting host ({@code host.name}), or {@code null}
 * @param traceId hex trace id
 * @param spanId hex span id
 * @param parentSpanId hex id of the parent span, or {@code ""} for a root span
 * @param name span name, e.g. {@code runtime.v1.RuntimeService/RunPodSandbox}
 * @param start start on the exporting host's clock (nanosecond field, microsecond meaning)
 * @param end end on the same clock
 * @param failed whether the span's status is an error
 * @param attributes string forms of the span's attributes
 */
public record Span(
    String service,
    String host,
    String traceId,
    String spanId,
    String parentSpanId,
    String name,
    Instant start,
    Instant end,
    boolean failed,
    Map<String, String> attributes) {

  public Span {
    attributes = Map.copyOf(attributes);
  }

  /** An attribute's value, or {@code null}. */
  public String attribute(String key) {
    return attributes.get(key);
  }
}
