package io.clustertour.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.FlowStepResult;
import io.clustertour.operator.reconcile.RecordedTour;
import io.clustertour.operator.testsupport.ReportText;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ReportCommandTest {
  // One mock API server for the class; each test uses its own tour names. The command closes its
  // client, so every run gets a new one.
  static KubernetesMockServer server;
  static KubernetesClient client;

  private static ClusterTour create(String name) {
    ClusterTour tour = RecordedTour.unseenMix();
    tour.getMetadata().setName(name);
    tour.getMetadata()
        .setManagedFields(
            java.util.List.of(
                new ManagedFieldsEntryBuilder()
                    .withManager("kubectl")
                    .withOperation("Update")
                    .build()));
    return client.resource(tour).create();
  }

  private static CliRun run(Map<String, String> env, String... args) {
    return CliRun.of(server::createClient, env, args);
  }

  @Test
  void aCompletedTourIsPrintedInFullAtTheTerminalsWidthWithExitZero() {
    ClusterTour tour = create("done");

    CliRun run = run(Map.of("COLUMNS", "72"), "report", "done");

    assertThat(run.code).as(run.toString()).isEqualTo(Cli.COMPLETED);
    assertThat(run.out).startsWith("ClusterTour done · Diverged · stops 5/5");
    assertThat(run.out.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(72));
    assertThat(ReportText.labelled(run.out, "claim: "))
        .isEqualTo(
            tour.getStatus().stops.stream()
                .flatMap(s -> s.flow.stream())
                .map((FlowStepResult f) -> ReportText.oneLine(f.claimText))
                .toList());
  }

  @Test
  void widthComesFromTheFlagThenColumnsThenAHundred() {
    create("wide");
    int longest = longest(run(Map.of(), "report", "wide").out);
    assertThat(longest).isLessThanOrEqualTo(100).isGreaterThan(90);
    assertThat(longest(run(Map.of("COLUMNS", "160"), "report", "wide").out))
        .isGreaterThan(100)
        .isLessThanOrEqualTo(160);
    assertThat(longest(run(Map.of("COLUMNS", "160"), "report", "wide", "--width", "64").out))
        .isLessThanOrEqualTo(64);
    assertThat(longest(run(Map.of("COLUMNS", "20"), "report", "wide").out))
        .as("a narrow terminal gets the minimum")
        .isLessThanOrEqualTo(60)
        .isGreaterThan(50);
  }

  @Test
  void jsonIsTheTourAsServedWithoutManagedFields() throws Exception {
    ClusterTour tour = create("as-json");

    CliRun run = run(Map.of(), "report", "as-json", "-o", "json");

    assertThat(run.code).as(run.toString()).isEqualTo(Cli.COMPLETED);
    JsonNode printed = new ObjectMapper().readTree(run.out);
    assertThat(printed.get("kind").asText()).isEqualTo("ClusterTour");
    assertThat(printed.get("apiVersion").asText()).isEqualTo("clustertour.io/v1alpha1");
    assertThat(printed.at("/metadata/name").asText()).isEqualTo("as-json");
    assertThat(printed.at("/metadata/namespace").isMissingNode()).isTrue();
    assertThat(printed.at("/metadata/managedFields").isMissingNode()).isTrue();
    assertThat(printed.get("spec")).isEqualTo(tree(tour.getSpec()));
    assertThat(printed.get("status")).isEqualTo(tree(tour.getStatus()));
  }

  @Test
  void yamlParsesBackToTheSameTour() throws Exception {
    ClusterTour tour = create("as-yaml");

    CliRun run = run(Map.of(), "report", "as-yaml", "--output", "yaml");

    assertThat(run.code).as(run.toString()).isEqualTo(Cli.COMPLETED);
    ClusterTour parsed = Serialization.unmarshal(run.out, ClusterTour.class);
    assertThat(parsed.getMetadata().getName()).isEqualTo("as-yaml");
    assertThat(tree(parsed.getSpec())).isEqualTo(tree(tour.getSpec()));
    assertThat(tree(parsed.getStatus())).isEqualTo(tree(tour.getStatus()));
  }

  @Test
  void anUnfinishedTourTimesOutWithExitTwoAndIsStillPrinted() {
    ClusterTour running = RecordedTour.unseenMix();
    running.getMetadata().setName("busy");
    running.getStatus().conditions.clear();
    running
        .getStatus()
        .conditions
        .add(new ConditionBuilder().withType("Completed").withStatus("False").build());
    client.resource(running).create();

    CliRun run = run(Map.of(), "report", "busy", "--wait-seconds", "1");

    assertThat(run.code).as(run.toString()).isEqualTo(Cli.NOT_COMPLETED);
    assertThat(run.err).contains("did not complete within 1 s");
    assertThat(run.out).contains("[1/5] ns");
  }

  @Test
  void aMissingTourExitsOne() {
    CliRun run = run(Map.of(), "report", "ghost");
    assertThat(run.code).isEqualTo(Cli.FAILED);
    assertThat(run.err).isEqualTo("report: ClusterTour ghost not found\n");
  }

  @Test
  void anApiServerThatDoesNotAnswerExitsOneWithTheClientsMessage() {
    for (String command : new String[] {"report", "list"}) {
      CliRun run =
          CliRun.of(
              () ->
                  new KubernetesClientBuilder()
                      .withConfig(
                          new ConfigBuilder()
                              .withMasterUrl("https://127.0.0.1:1")
                              .withRequestRetryBackoffLimit(0)
                              .build())
                      .build(),
              Map.of(),
              command.equals("report") ? new String[] {"report", "x"} : new String[] {"list"});
      assertThat(run.code).as(run.toString()).isEqualTo(Cli.FAILED);
      assertThat(run.err).startsWith(command + ": ");
      assertThat(run.out).isEmpty();
    }
  }

  private static JsonNode tree(Object o) {
    return new ObjectMapper().valueToTree(new ObjectMapper().convertValue(tree0(o), Object.class));
  }

  private static JsonNode tree0(Object o) {
    try {
      return new ObjectMapper().readTree(Serialization.asJson(o));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int longest(String text) {
    return text.lines().mapToInt(String::length).max().orElse(0);
  }
}
