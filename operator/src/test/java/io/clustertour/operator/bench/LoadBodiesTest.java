package io.clustertour.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadBodiesTest {
  static final Path EVIDENCE = Path.of("src/test/resources/evidence");

  @Test
  void movesStorageKeysOfObjectsInAndOfTheNamespace() {
    assertThat(LoadBodies.movedKey("/pods/capt1/web-1", "load-3")).isEqualTo("/pods/load-3/web-1");
    assertThat(LoadBodies.movedKey("/namespaces/capt1", "load-3")).isEqualTo("/namespaces/load-3");
    assertThat(LoadBodies.movedKey("/namespaces/capt10", "load-3")).isEqualTo("/namespaces/capt10");
  }

  @Test
  void auditBatchesCarryTheToursShareOfEveryCapturedKind() throws Exception {
    List<byte[]> bodies = LoadBodies.auditBatches(EVIDENCE.resolve("audit-capt1.json"), 4, 100, 20);
    long tour = 0;
    java.util.Set<String> tourVerbs = new java.util.TreeSet<>();
    for (byte[] b : bodies) {
      for (JsonNode e : new ObjectMapper().readTree(b).path("items")) {
        JsonNode ref = e.path("objectRef");
        String ns =
            ref.has("namespace") ? ref.path("namespace").asText() : ref.path("name").asText();
        if (ns.equals(LoadBodies.CAPTURED)) {
          tour++;
          tourVerbs.add(e.path("verb").asText() + " " + ref.path("resource").asText());
        }
      }
    }
    assertThat(tour).isEqualTo(20);
    assertThat(tourVerbs).contains("create pods", "create namespaces", "update deployments");
  }
}
