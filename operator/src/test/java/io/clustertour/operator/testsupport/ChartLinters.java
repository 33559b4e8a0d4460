package io.clustertour.operator.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The chart linters users and reviewers run: the Helm CLI (hack/image/helm.sh), kubeconform and
 * kube-score (hack/chart-lint/build.sh), each pinned and built once from the Go module proxy, and
 * the JSON schemas kubeconform checks against, made from the cluster's own OpenAPI document.
 */
public final class ChartLinters {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEFINITIONS = "#/definitions/";

  private ChartLinters() {}

  /** The Helm CLI ({@code helm lint} takes values files only there). */
  public static Path helm() {
    return Path.of(lastLine("../hack/image/helm.sh", "the Helm CLI"));
  }

  public static Path kubeconform() {
    return Path.of(lastLine("../hack/chart-lint/build.sh", "kubeconform")).resolve("kubeconform");
  }

  public static Path kubeScore() {
    return Path.of(lastLine("../hack/chart-lint/build.sh", "kube-score")).resolve("kube-score");
  }

  private static synchronized String lastLine(String script, String tool) {
    Shell.Result r = Shell.run(Map.of(), "bash", script);
    String[] lines = r.out().strip().split("\n");
    if (r.code() != 0 || lines[lines.length - 1].isBlank()) {
      Required.unavailable(script + " failed: " + r, "the chart linters (" + tool + ")");
    }
    return lines[lines.length - 1].strip();
  }

  /**
   * Writes one standalone JSON schema per kind the cluster serves, named as kubeconform's {@code {{
   * .ResourceKind }}{{ .KindSuffix }}.json} template expects (deployment-apps-v1.json), from the
   * API server's /openapi/v2: CRDs included, and strict (objects with properties reject unknown
   * fields, as {@code kubeconform -strict} expects of its schemas). No internet needed.
   */
  public static Path schemasFromCluster(KubernetesClient client, Path dir) {
    try {
      JsonNode definitions = JSON.readTree(client.raw("/openapi/v2")).path("definitions");
      Files.createDirectories(dir);
      for (Iterator<Map.Entry<String, JsonNode>> it = definitions.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> def = it.next();
        for (JsonNode gvk : def.getValue().path("x-kubernetes-group-version-kind")) {
          String group = gvk.path("group").asText();
          String file =
              gvk.path("kind").asText().toLowerCase()
                  + (group.isEmpty() ? "" : "-" + group.split("\\.")[0].toLowerCase())
                  + "-"
                  + gvk.path("version").asText().toLowerCase()
                  + ".json";
          Files.writeString(
              dir.resolve(file), JSON.writeValueAsString(standalone(def, definitions)));
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The kind's schema at the root, with the definitions it reaches (and only those) beside it. */
  private static ObjectNode standalone(Map.Entry<String, JsonNode> root, JsonNode definitions) {
    Set<String> reached = new LinkedHashSet<>();
    Deque<JsonNode> todo = new ArrayDeque<>();
    todo.add(root.getValue());
    while (!todo.isEmpty()) {
      JsonNode node = todo.pop();
      if (node.isObject() && node.path("$ref").isTextual()) {
        String name = node.path("$ref").asText().substring(DEFINITIONS.length());
        if (reached.add(name)) {
          todo.add(definitions.path(name));
        }
      }
      node.elements().forEachRemaining(todo::add);
    }
    ObjectNode schema = (ObjectNode) strict(root.getValue().deepCopy());
    ObjectNode defs = schema.putObject("definitions");
    for (String name : reached) {
      JsonNode def = definitions.path(name);
      // a Quantity is a string in OpenAPI v2, but YAML writes `cpu: 1` as a number
      defs.set(
          name,
          name.endsWith(".api.resource.Quantity")
              ? oneOf((ObjectNode) def, "number")
              : strict(def.deepCopy()));
    }
    return schema;
  }

  /**
   * What Kubernetes accepts but OpenAPI v2 cannot say: IntOrString and Quantity are strings or
   * numbers; and what {@code -strict} means: no properties beyond the listed ones.
   */
  private static JsonNode strict(JsonNode node) {
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      String format = o.path("format").asText();
      if (format.equals("int-or-string")) {
        return oneOf(o, "integer");
      }
      if (o.path("type").asText().equals("object")
          && o.has("properties")
          && !o.has("additionalProperties")
          && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
        o.put("additionalProperties", false);
      }
      o.fields().forEachRemaining(f -> f.setValue(strict(f.getValue())));
    } else if (node.isArray()) {
      ArrayNode a = (ArrayNode) node;
      for (int i = 0; i < a.size(); i++) {
        a.set(i, strict(a.get(i)));
      }
    }
    return node;
  }

  private static ObjectNode oneOf(ObjectNode o, String otherType) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (o.has("description")) {
      out.set("description", o.get("description"));
    }
    ArrayNode any = out.putArray("oneOf");
    any.addObject().put("type", "string");
    any.addObject().put("type", otherType);
    return out;
  }
}
