package io.clustertour.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void keepsTheOtherBenchesKeysAndNamesTheRunFileOfTheClusterFigures() throws Exception {
    Path file = dir.resolve("benchmarks-results.json");
    Files.writeString(
        file, "{\"receivers\": {\"date\": \"d1\"}, \"cluster\": {\"runId\": \"old\"}}");
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("runId", "run-2026-12-02T160000");
    results.put("targets", List.of(Map.of("name", "completeness")));
    results.put("runs", List.of(Map.of("n", 1)));
    results.put("receivers", Map.of("date", "d2"));

    Summary.write(file, results);

    Map<String, Object> all = new ObjectMapper().readValue(file.toFile(), Map.class);
    assertThat(all).containsKeys("receivers", "cluster");
    // another bench's key in results.json does not replace the committed one
    assertThat(((Map<String, Object>) all.get("receivers")).get("date")).isEqualTo("d1");
    assertThat(Files.readString(file)).contains("\"runId\": \"run-2026-12-02T160000\"");
    Map<String, Object> cluster = (Map<String, Object>) all.get("cluster");
    assertThat(cluster.get("runId")).isEqualTo("run-2026-12-02T160000");
    assertThat(cluster.get("runFile")).isEqualTo("target/bench/runs/run-2026-12-02T160000.json");
    // the per-run tables stay in the run file
    assertThat(cluster).doesNotContainKey("runs");
  }
}
