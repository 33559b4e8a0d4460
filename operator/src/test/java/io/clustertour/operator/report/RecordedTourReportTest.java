package io.clustertour.operator.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.FlowStepResult;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.api.TimelineEntry;
import io.clustertour.operator.reconcile.RecordedTour;
import io.clustertour.operator.testsupport.ReportText;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The golden tour (five stops recorded on the local cluster) printed 60, 100 and 160 columns wide:
 * every claim, every piece of evidence and every timeline cell is there whole, and no line is wider
 * than asked. The 100-column print is kept in golden/unseen-mix-report.txt; after a deliberate
 * change of the report, rewrite it with {@code -Dgolden.update=true} and review the diff.
 */
class RecordedTourReportTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/unseen-mix-report.txt");
  private static final ClusterTour TOUR = RecordedTour.unseenMix();

  private static List<FlowStepResult> flow() {
    return TOUR.getStatus().stops.stream().flatMap(s -> s.flow.stream()).toList();
  }

  private static List<String> timeline(Function<TimelineEntry, String> cell) {
    return TOUR.getStatus().stops.stream()
        .flatMap(s -> s.timeline.stream())
        .map(e -> cell.apply(e) == null ? "" : cell.apply(e))
        .toList();
  }

  @ParameterizedTest
  @ValueSource(ints = {60, 100, 160})
  void noLineIsWiderThanAskedAndNothingIsCut(int width) {
    String report = TourReport.render(TOUR, width);
    assertThat(report.lines())
        .allSatisfy(l -> assertThat(Wrap.width(l)).isLessThanOrEqualTo(width));
    // the status itself holds shortened messages (its size is bounded); the report adds none
    String status = Serialization.asJson(TOUR.getStatus());
    assertThat(count(report, "…")).isLessThanOrEqualTo(count(status, "…"));
    assertThat(report.lines().filter(l -> l.startsWith("[")))
        .as("a heading per stop")
        .hasSize(TOUR.getStatus().stops.size());
  }

  @ParameterizedTest
  @ValueSource(ints = {60, 100, 160})
  void everyClaimAndEvidenceIsPrintedWhole(int width) {
    String report = TourReport.render(TOUR, width);
    List<String> claims = flow().stream().map(f -> ReportText.oneLine(f.claimText)).toList();
    List<String> evidence = flow().stream().map(f -> ReportText.oneLine(f.evidence)).toList();
    assertThat(claims).allSatisfy(c -> assertThat(c.length()).isGreaterThan(40));

    assertThat(ReportText.labelled(report, "claim: ")).isEqualTo(claims);
    List<String> printed = ReportText.labelled(report, "evidence: ");
    assertThat(printed).hasSameSizeAs(evidence);
    int room = width - "      evidence: ".length();
    for (int i = 0; i < evidence.size(); i++) {
      assertThat(ReportText.whole(printed.get(i), evidence.get(i), room))
          .as("evidence %d at %d columns:%n%s%n%s", i, width, printed.get(i), evidence.get(i))
          .isTrue();
    }
    assertThat(evidence)
        .as("at 60 columns a path is wider than the line")
        .anySatisfy(e -> assertThat(longestWord(e)).isGreaterThan(60 - 16));
  }

  @ParameterizedTest
  @ValueSource(ints = {60, 100, 160})
  void everyTimelineCellIsPrintedWholeInItsColumn(int width) {
    String report = TourReport.render(TOUR, width);
    assertThat(joined(ReportText.column(report, "COMPONENT")))
        .isEqualTo(joined(timeline(e -> e.component)));
    assertThat(joined(ReportText.column(report, "REASON")))
        .isEqualTo(joined(timeline(e -> e.reason)));
    assertThat(joined(ReportText.column(report, "OBJECT")))
        .isEqualTo(joined(timeline(e -> e.object)));
    assertThat(joined(ReportText.column(report, "SEEN"))).contains("watch+audit+trace");
  }

  @Test
  void theReportAtTheDefaultWidthIsTheGoldenText() throws IOException {
    String report = TourReport.render(TOUR);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(GOLDEN, report);
    }
    assertThat(report).isEqualTo(Files.readString(GOLDEN));
    assertThat(report).contains("direct evidence", "observed evidence", "SEEN");
    StopStatus last = TOUR.getStatus().stops.get(TOUR.getStatus().stops.size() - 1);
    assertThat(report).contains("[5/5] " + last.name + " · Deployment · Diverged");
  }

  private static List<String> joined(List<String> cells) {
    return cells.stream().map(c -> c.replace(" ", "")).toList();
  }

  private static int count(String text, String part) {
    return text.split(part, -1).length - 1;
  }

  private static int longestWord(String text) {
    return Arrays.stream(text.split(" ")).mapToInt(Wrap::width).max().orElse(0);
  }
}
