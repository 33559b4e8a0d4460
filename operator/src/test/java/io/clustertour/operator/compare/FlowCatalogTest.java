package io.clustertour.operator.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.Stop.StopType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FlowCatalogTest {

  /** Used only when CLAIMS.md is not next to the repository (e.g. a bare checkout). */
  private static final List<String> FALLBACK_CLAIM_IDS = FlowCatalog.CLAIM_IDS;

  private static final Pattern CLAIM_ROW = Pattern.compile("^\\|\\s*(C\\d{2})\\s*\\|");

  static Set<String> claimIdsFromClaimsFile() throws IOException {
    String configured = System.getProperty("clustertour.claims");
    Path file = configured != null ? Path.of(configured) : Path.of("../../shared/CLAIMS.md");
    if (!Files.exists(file)) {
      return new TreeSet<>(FALLBACK_CLAIM_IDS);
    }
    Set<String> ids = new TreeSet<>();
    for (String line : Files.readAllLines(file)) {
      Matcher m = CLAIM_ROW.matcher(line);
      if (m.find()) {
        ids.add(m.group(1));
      }
    }
    assertFalse(ids.isEmpty(), "no claim rows found in " + file.toAbsolutePath());
    return ids;
  }

  @Test
  void everyShippedStepDrawsTheArrowOfTheNotes() {
    for (Flow flow : FlowCatalog.shipped().flows()) {
      for (FlowStep step : flow.steps()) {
        FlowArrow arrow = step.arrow();
        assertNotNull(arrow, step.id() + " has no arrow for the documented diagram");
        assertTrue(
            touches(arrow.from(), step.component()) || touches(arrow.to(), step.component()),
            step.id() + ": the arrow " + arrow + " does not touch " + step.component());
        assertFalse(arrow.from().equals(arrow.to()), step.id() + ": an arrow to itself");
      }
    }
  }

  private static boolean touches(String end, String component) {
    return ComponentNames.matches(end, component) || ComponentNames.matches(component, end);
  }

  @Test
  void anArrowWithoutKoreanLabelIsRejected() {
    String yaml =
        """
        stopType: Job
        steps:
          - id: job.x
            claim: C01
            component: kubectl
            text: {en: "a", ko: "가"}
            observedWhen: [{reason: JobCreated}]
            arrow: {from: kubectl, to: kube-apiserver, label: {en: "POST Job"}}
        """;
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> FlowCatalog.parse("flows/Job.yaml", yaml));
    assertTrue(e.getMessage().contains("arrow needs"), e.getMessage());
  }

  @Test
  void everyStopTypeHasAFlow() {
    FlowCatalog catalog = FlowCatalog.shipped();
    for (StopType type : StopType.values()) {
      Flow flow = catalog.flow(type);
      assertNotNull(flow, "no flow for " + type);
      assertEquals(type.name(), flow.stopType());
      assertFalse(flow.steps().isEmpty());
    }
  }

  @Test
  void everyClaimIsReferencedByAShippedStep() throws IOException {
    Set<String> claims = claimIdsFromClaimsFile();
    Set<String> referenced =
        FlowCatalog.shipped().flows().stream()
            .flatMap(f -> f.steps().stream())
            .map(FlowStep::claim)
            .collect(Collectors.toCollection(TreeSet::new));

    Set<String> unreferenced = new TreeSet<>(claims);
    unreferenced.removeAll(referenced);
    assertTrue(unreferenced.isEmpty(), "claims no flow step checks: " + unreferenced);
    assertTrue(FlowCatalog.CLAIM_IDS.containsAll(claims), "catalog does not know " + claims);
  }

  @Test
  void everyShippedTextHasKorean() {
    for (Flow flow : FlowCatalog.shipped().flows()) {
      for (FlowStep step : flow.steps()) {
        assertTrue(hasHangul(step.text().ko()), step.id() + " text.ko");
        if (step.reality() != null) {
          assertTrue(hasHangul(step.reality().ko()), step.id() + " reality.ko");
        }
        if (step.notObservable() != null) {
          assertTrue(hasHangul(step.notObservable().ko()), step.id() + " notObservable.ko");
        }
      }
    }
  }

  @Test
  void contradictableStepsOfTheNotesAreShippedAsMythsWithReality() {
    Flow deployment = FlowCatalog.shipped().flow(StopType.Deployment);
    for (String claim : List.of("C03", "C04", "C05", "C06")) {
      FlowStep step =
          deployment.steps().stream()
              .filter(s -> s.claim().equals(claim))
              .findFirst()
              .orElseThrow();
      assertFalse(step.contradictedWhen().isEmpty(), claim);
      assertTrue(step.reality().en().length() > 40, claim);
    }
  }

  private static boolean hasHangul(String s) {
    return s != null
        && s.codePoints()
            .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL);
  }

  private static final String GOOD_STEP =
      """
        - id: x.one
          claim: C01
          component: kubectl
          text: {en: "One.", ko: "하나."}
          observedWhen: [{source: watch, reason: DeploymentCreated}]
      """;

  static Stream<Arguments> brokenFiles() {
    return Stream.of(
        Arguments.of("steps:\n" + GOOD_STEP, "stopType is missing"),
        Arguments.of("stopType: Job\nsteps: []\n", "no steps"),
        Arguments.of("stopType: Job\nsteps:\n" + GOOD_STEP + GOOD_STEP, "step 'x.one': duplicate"),
        Arguments.of(
            "stopType: Job\nsteps:\n" + GOOD_STEP.replace("C01", "C99"),
            "step 'x.one': unknown claim 'C99'"),
        Arguments.of(
            "stopType: Job\nsteps:\n" + GOOD_STEP.replace(", ko: \"하나.\"", ""),
            "text needs both 'en' and 'ko'"),
        Arguments.of(
            "stopType: Job\nsteps:\n"
                + GOOD_STEP.replace(
                    "observedWhen: [{source: watch, reason: DeploymentCreated}]", "ordered: true"),
            "needs at least one of observedWhen, contradictedWhen or notObservable"),
        Arguments.of(
            "stopType: Job\nsteps:\n" + GOOD_STEP.replace("observedWhen", "contradictedWhen"),
            "contradictedWhen needs a 'reality'"),
        Arguments.of(
            "stopType: Job\nsteps:\n" + GOOD_STEP.replace("source: watch", "source: etcd"),
            "source 'etcd' is not one of"),
        Arguments.of(
            "stopType: Job\nsteps:\n"
                + GOOD_STEP.replace("{source: watch, reason: DeploymentCreated}", "{}"),
            "empty matcher"),
        Arguments.of(
            "stopType: Job\nsteps:\n" + GOOD_STEP.replace("observedWhen", "observedwhen"),
            "not a valid flow file (line"));
  }

  @ParameterizedTest
  @MethodSource("brokenFiles")
  void brokenFlowFileIsRejectedWithAClearMessage(String yaml, String expected) {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> FlowCatalog.parse("flows/Broken.yaml", yaml));
    assertTrue(e.getMessage().startsWith("flows/Broken.yaml:"), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void aSingleReasonOrAListOfAlternativesIsAccepted() {
    Flow flow =
        FlowCatalog.parse(
            "flows/Job.yaml",
            "stopType: Job\nsteps:\n"
                + GOOD_STEP.replace("reason: DeploymentCreated", "reason: [A, B]"));
    assertEquals(List.of("A", "B"), flow.steps().get(0).observedWhen().get(0).reason());
  }

  @Test
  void missingFlowFileFailsLoading(@TempDir Path dir) throws IOException {
    try (URLClassLoader empty = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> FlowCatalog.load(empty));
      assertTrue(
          e.getMessage().contains("flows/Inventory.yaml: flow file missing"), e.getMessage());
    }
  }

  @Test
  void fileWhoseStopTypeDoesNotMatchItsNameFailsLoading(@TempDir Path dir) throws IOException {
    Path flows = Files.createDirectories(dir.resolve("flows"));
    for (StopType type : StopType.values()) {
      try (InputStream in =
          getClass().getClassLoader().getResourceAsStream("flows/" + type + ".yaml")) {
        Files.write(flows.resolve(type + ".yaml"), in.readAllBytes());
      }
    }
    Files.writeString(flows.resolve("Job.yaml"), "stopType: Service\nsteps:\n" + GOOD_STEP);

    try (URLClassLoader copy = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> FlowCatalog.load(copy));
      assertTrue(e.getMessage().contains("flows/Job.yaml: stopType is 'Service'"), e.getMessage());
    }
  }
}
