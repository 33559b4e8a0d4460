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

    Summary.write(file, results);

    Map<String, Object> all = new ObjectMapper().readValue(file.toFile(), Map.class);
    assertThat(all).containsKeys("receivers", "cluster");
    Map<String, Object> cluster = (Map<String, Object>) all.get("cluster");
    assertThat(cluster.get("runId")).isEqualTo("run-2026-12-02T160000");
    assertThat(cluster.get("runFile")).isEqualTo("target/bench/runs/run-2026-12-02T160000.json");
    // the per-run tables stay in the run file
    assertThat(cluster).doesNotContainKey("runs");
  }
}
