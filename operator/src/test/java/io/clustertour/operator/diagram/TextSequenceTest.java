package io.clustertour.operator.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.ClusterTourSpec.Language;
import io.clustertour.operator.compare.FlowCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextSequenceTest {
  private static final SequenceDiagram OBSERVED = ObservedDiagram.of(RecordedStops.named("web"));

  @ParameterizedTest
  @ValueSource(ints = {40, 60, 80, 100, 160})
  void fitsTheWidthAndKeepsEveryWord(int width) {
    String text = TextSequence.render(OBSERVED, "Observed", width);
    for (String line : text.split("\n")) {
      assertTrue(line.length() <= width, line.length() + " > " + width + ": " + line);
    }
    String joined = text.replaceAll("[\\s│]+", "");
    for (Arrow a : OBSERVED.arrows()) {
      assertTrue(joined.contains(a.label().replace(" ", "")), "label missing: " + a.label());
    }
  }

  @Test
  void theBindingGoesFromTheSchedulerToTheApiServer() {
    String text = TextSequence.render(OBSERVED, "Observed", 120);
    int scheduler = OBSERVED.column("scheduler:default-scheduler");
    int apiserver = OBSERVED.column("kube-apiserver");
    String bound = text.lines().filter(l -> l.contains("PodBound")).findFirst().orElseThrow();
    int start = 14;
    assertEquals('●', bound.charAt(start + scheduler * 4), bound);
    assertEquals('◀', bound.charAt(start + apiserver * 4), bound);
  }

  @Test
  void tooNarrowForColumnsItListsTheMessagesByLifeline() {
    String text = TextSequence.render(OBSERVED, "Observed", 50);
    int scheduler = OBSERVED.column("scheduler:default-scheduler") + 1;
    int apiserver = OBSERVED.column("kube-apiserver") + 1;
    assertTrue(
        text.lines()
            .anyMatch(l -> l.contains(scheduler + " ─▶ " + apiserver) && l.contains("PodBound")),
        text);
  }

  @Test
  void mythsSayTheyNeverHappen() {
    SequenceDiagram documented =
        DocumentedDiagram.of(RecordedStops.named("web"), FlowCatalog.shipped(), Language.en);
    String text = TextSequence.render(documented, "As the notes draw it", 100);
    assertTrue(text.contains("✗ never happens: which node?"), text);
    assertTrue(text.lines().anyMatch(l -> l.contains("×") && l.contains("which node?")));
  }

  @Test
  void wrapsOnWordsAndSplitsOnlyAWordLongerThanALine() {
    assertEquals(List.of("aa bb", "ccc d"), TextSequence.wrap("aa bb ccc d", 5));
    assertEquals(List.of("aa", "ccccc", "ccc d"), TextSequence.wrap("aa cccccccc d", 5));
  }
}
