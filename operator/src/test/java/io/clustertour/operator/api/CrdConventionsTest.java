package io.clustertour.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.clustertour.operator.compare.FlowMatcher;
import io.clustertour.operator.observe.Interactions;
import io.clustertour.operator.observe.Observation;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated CRD follows the API conventions a reviewer checks, on every schema node. */
class CrdConventionsTest {
  private static final Path GENERATED =
      Path.of("target/classes/META-INF/fabric8/clustertours.clustertour.io-v1.yml");
  private static CustomResourceDefinitionVersion version;

  @BeforeAll
  static void read() throws IOException {
    try (InputStream in = Files.newInputStream(GENERATED)) {
      version =
          Serialization.unmarshal(in, CustomResourceDefinition.class)
              .getSpec()
              .getVersions()
              .get(0);
    }
  }

  @Test
  void everySchemaNodeHasADescription() {
    List<String> missing = new ArrayList<>();
    walk(
        version.getSchema().getOpenAPIV3Schema(),
        "",
        (path, node) -> {
          if (node.getDescription() == null || node.getDescription().isBlank()) {
            missing.add(path.isEmpty() ? "(root)" : path);
          }
        });
    assertThat(missing).as("schema nodes without a description").isEmpty();
  }

  @Test
  void everyListDeclaresItsListType() {
    List<String> missing = new ArrayList<>();
    walk(
        version.getSchema().getOpenAPIV3Schema(),
        "",
        (path, node) -> {
          if ("array".equals(node.getType()) && node.getXKubernetesListType() == null) {
            missing.add(path);
          }
        });
    assertThat(missing).as("lists without x-kubernetes-list-type").isEmpty();
  }

  @Test
  void stopsAndConditionsAreMapsKeyedByTheirName() {
    JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
    JSONSchemaProps stops = root.getProperties().get("spec").getProperties().get("stops");
    assertThat(stops.getXKubernetesListType()).isEqualTo("map");
    assertThat(stops.getXKubernetesListMapKeys()).containsExactly("name");
    assertThat(stops.getItems().getSchema().getRequired()).contains("name");
    JSONSchemaProps conditions =
        root.getProperties().get("status").getProperties().get("conditions");
    assertThat(conditions.getXKubernetesListMapKeys()).containsExactly("type");
    JSONSchemaProps condition = conditions.getItems().getSchema();
    assertThat(condition.getRequired())
        .containsExactlyInAnyOrder("type", "status", "lastTransitionTime", "reason", "message");
    assertThat(condition.getProperties().get("status").getEnum())
        .extracting(Object::toString)
        .containsExactly("\"True\"", "\"False\"", "\"Unknown\"");
    assertThat(condition.getProperties().get("lastTransitionTime").getFormat())
        .isEqualTo("date-time");
  }

  @Test
  void closedSetsWrittenAsStringsMatchWhatTheOperatorWrites() {
    JSONSchemaProps entry =
        status()
            .getProperties()
            .get("stops")
            .getItems()
            .getSchema()
            .getProperties()
            .get("timeline")
            .getItems()
            .getSchema();
    // a value the enum lacks makes the API server reject the whole status write
    assertThat(values(entry.getProperties().get("source")))
        .containsExactlyInAnyOrder(
            Observation.EVENT,
            Observation.WATCH,
            Observation.REQUEST,
            Observation.INVENTORY,
            Interactions.AUDIT,
            Interactions.TRACE);
    assertThat(values(entry.getProperties().get("precision")))
        .containsExactlyInAnyOrder(Observation.MICROS, Observation.MILLIS, Observation.SECONDS);
  }

  private static JSONSchemaProps status() {
    return version.getSchema().getOpenAPIV3Schema().getProperties().get("status");
  }

  private static List<String> values(JSONSchemaProps node) {
    return node.getEnum().stream().map(JsonNode::asText).toList();
  }

  @Test
  void kubectlGetShowsStateStopsVerdictsThenAgeAndWideAddsCurrentAndEvidence() {
    assertThat(version.getAdditionalPrinterColumns())
        .extracting(
            CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getPriority)
        .containsExactly(
            tuple("State", 0),
            tuple("Stops", 0),
            tuple("Verdicts", 0),
            tuple("Age", 0),
            tuple("Current", 1),
            tuple("Evidence", 1));
  }

  @Test
  void theEvidenceLevelColumnTakesTheLevelsTheOperatorWrites() {
    JSONSchemaProps level = status().getProperties().get("evidenceLevel");
    assertThat(values(level)).containsExactly(FlowMatcher.DIRECT, FlowMatcher.OBSERVED);
  }

  private interface Visitor {
    void visit(String path, JSONSchemaProps node);
  }

  private static void walk(JSONSchemaProps node, String path, Visitor visitor) {
    visitor.visit(path, node);
    if (node.getProperties() != null) {
      for (Map.Entry<String, JSONSchemaProps> p : node.getProperties().entrySet()) {
        walk(p.getValue(), path + "." + p.getKey(), visitor);
      }
    }
    if (node.getItems() != null && node.getItems().getSchema() != null) {
      walk(node.getItems().getSchema(), path + "[]", visitor);
    }
  }
}
