package io.clustertour.operator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The committed summary beside docs/benchmarks.md (docs/benchmarks-results.json): the cluster
 * bench's figures the page quotes, under key "cluster", with the run id and the run file they come
 * from; the other keys (receivers, apiserver) are left as they are. Per-run request tables stay in
 * the run file only.
 */
final class Summary {
  static final List<String> KEYS =
      List.of("runId", "setup", "targets", "repeats", "pooled", "busy", "history");
  private static final ObjectMapper JSON = new ObjectMapper();
  // formatted as the file has always been ("key": value, one array element a line, {}), so a new
  // run changes only its own lines
  private static final com.fasterxml.jackson.core.util.DefaultPrettyPrinter PRETTY = pretty();

  private static com.fasterxml.jackson.core.util.DefaultPrettyPrinter pretty() {
    var p =
        new com.fasterxml.jackson.core.util.DefaultPrettyPrinter()
            .withSeparators(
                com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(
                        com.fasterxml.jackson.core.util.Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""));
    p.indentArraysWith(com.fasterxml.jackson.core.util.DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
    return p;
  }

  private Summary() {}

  @SuppressWarnings("unchecked")
  static void write(Path file, Map<String, Object> results) throws IOException {
    Map<String, Object> all = new LinkedHashMap<>();
    if (Files.exists(file)) {
      all.putAll(JSON.readValue(file.toFile(), Map.class));
    }
    // only the cluster bench's own key: the other benches' figures were copied in from their runs
    all.put("cluster", of(results));
    Files.writeString(
        file,
        JSON.writer(PRETTY)
            .with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
            .writeValueAsString(all));
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
