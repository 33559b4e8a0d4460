package io.clustertour.operator.receive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reads the API server's audit webhook body: an {@code audit.k8s.io/v1} EventList. */
public final class AuditEvents {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AuditEvents() {}

  /** What one body held: the usable records and how many items were not. */
  public record Batch(List<AuditRecord> records, int unusable) {}

  /**
   * Parses one webhook body.
   *
   * @throws IllegalArgumentException when the body is not an audit EventList
   */
  public static Batch parse(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable body: " + e.getMessage());
    }
    if (root == null
        || !"EventList".equals(root.path("kind").asText())
        || !root.path("apiVersion").asText().startsWith("audit.k8s.io/")
        || !root.path("items").isArray()) {
      throw new IllegalArgumentException("not an audit.k8s.io EventList");
    }
    List<AuditRecord> records = new ArrayList<>();
    int unusable = 0;
    for (JsonNode item : root.path("items")) {
      AuditRecord record = record(item);
      if (record == null) {
        unusable++;
      } else {
        records.add(record);
      }
    }
    return new Batch(records, unusable);
  }

  private static AuditRecord record(JsonNode e) {
    String auditId = text(e, "auditID");
    String verb = text(e, "verb");
    Instant received = time(e, "requestReceivedTimestamp");
    Instant completed = time(e, "stageTimestamp");
    if (auditId == null || verb == null || received == null || completed == null) {
      return null;
    }
    JsonNode ref = e.path("objectRef");
    return new AuditRecord(
        auditId,
        text(e, "stage"),
        text(e.path("user"), "username"),
        text(e, "userAgent"),
        verb,
        text(e, "requestURI"),
        ref.path("apiGroup").asText(""),
        text(ref, "resource"),
        text(ref, "subresource"),
        text(ref, "namespace"),
        text(ref, "name"),
        text(ref, "uid"),
        e.path("responseStatus").path("code").asInt(0),
        received,
        completed);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
  }

  private static Instant time(JsonNode node, String field) {
    String value = text(node, field);
    try {
      return value == null ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
