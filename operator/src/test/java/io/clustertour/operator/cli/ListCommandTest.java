package io.clustertour.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.ClusterTourSpec;
import io.clustertour.operator.reconcile.RecordedTour;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ListCommandTest {
  static KubernetesMockServer server;
  static KubernetesClient client;

  // the mock API server stamps creationTimestamp itself: ages count from its stamp
  private static Instant created = CliRun.NOW;

  private static CliRun run(String... args) {
    return CliRun.of(server::createClient, Map.of(), created.plusSeconds(42), args);
  }

  @Test
  void listsLikeKubectlGetAndWideAddsTheCurrentStopAndTheEvidence() throws Exception {
    CliRun none = run("list");
    assertThat(none.code).as(none.toString()).isZero();
    assertThat(none.out).isEmpty();
    assertThat(none.err).isEqualTo("No ClusterTours found.\n");

    ClusterTour recorded = RecordedTour.unseenMix();
    recorded.getStatus().evidenceLevel = "direct";
    client.resource(recorded).create();
    ClusterTour fresh = new ClusterTour();
    fresh.setMetadata(new ObjectMetaBuilder().withName("a-fresh-one").build());
    fresh.setSpec(new ClusterTourSpec());
    created = Instant.parse(client.resource(fresh).create().getMetadata().getCreationTimestamp());

    List<String> lines = run("list").out.lines().toList();
    assertThat(lines.get(0)).matches("NAME +STATE +STOPS +VERDICTS +AGE");
    assertThat(lines.get(1)).startsWith("a-fresh-one").endsWith("42s");
    assertThat(lines.get(2))
        .matches(
            "unseen-mix +Diverged +5/5 +30 observed, 12 contradicted, 3 not observable, 3 not"
                + " reached +[0-9]+s");

    CliRun wide = run("list", "-o", "wide", "--width", "80");
    List<String> wideLines = wide.out.lines().toList();
    assertThat(wideLines.get(0)).matches("NAME +STATE +STOPS +VERDICTS +AGE +CURRENT +EVIDENCE");
    assertThat(wideLines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    assertThat(wide.out).contains("direct");
    int from = wideLines.get(0).indexOf("VERDICTS");
    int to = wideLines.get(0).indexOf("AGE");
    List<String> row = wideLines.subList(2, wideLines.size());
    assertThat(row.get(0)).startsWith("unseen-mix");
    assertThat(
            String.join(
                    " ",
                    row.stream()
                        .map(l -> (l + " ".repeat(to)).substring(from, to).strip())
                        .toList())
                .strip())
        .as("the verdicts wrap in their column, whole")
        .isEqualTo(recorded.getStatus().verdictSummary);

    JsonNode json = new ObjectMapper().readTree(run("list", "-o", "json").out);
    assertThat(json.get("kind").asText()).isEqualTo("List");
    assertThat(json.get("items"))
        .extracting(i -> i.at("/metadata/name").asText())
        .containsExactly("a-fresh-one", "unseen-mix");
    Map<?, ?> yaml = Serialization.unmarshal(run("list", "-o", "yaml").out, Map.class);
    assertThat((List<?>) yaml.get("items")).hasSize(2);
  }
}
