package io.clustertour.operator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The committed summary beside docs/benchmarks.md (docs/benchmarks-results.json): the cluster
 * bench's figures the page quotes, under key "cluster", with the run id and the run file they come
 * from; the other keys (receivers, apiserver) are kept as they are. Per-run request tables stay in
 * the run file only.
 */
final class Summary {
  static final List<String> KEYS =
      List.of("runId", "setup", "targets", "repeats", "pooled", "busy", "history");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Summary() {}

  @SuppressWarnings("unchecked")
  static void write(Path file, Map<String, Object> results) throws IOException {
    Map<String, Object> all = new LinkedHashMap<>();
    if (Files.exists(file)) {
      all.putAll(JSON.readValue(file.toFile(), Map.class));
    }
    all.put("cluster", of(results));
    for (String key : List.of("apiserver", "receivers", "receiversNoDelay")) {
      if (results.get(key) != null) {
        all.put(key, results.get(key));
      }
    }
    Files.writeString(file, JSON.writeValueAsString(all));
  }

  /** The summary of one run's results: the keys the page quotes, and where they come from. */
  static Map<String, Object> of(Map<String, Object> results) {
    Map<String, Object> s = new LinkedHashMap<>();
    Object id = results.get("runId");
    s.put("runFile", "target/bench/runs/" + id + ".json");
    for (String k : KEYS) {
      s.put(k, results.get(k));
    }
    return s;
  }
}
