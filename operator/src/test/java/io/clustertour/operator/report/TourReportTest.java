package io.clustertour.operator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.ClusterTourSpec.Language;
import io.clustertour.operator.api.FlowStepResult;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.api.TimelineEntry;
import io.clustertour.operator.testsupport.ReportText;
import io.clustertour.operator.web.SampleTour;
import java.util.List;
import org.junit.jupiter.api.Test;

class TourReportTest {
  @Test
  void headerTimelineVerdictsAndLatencies() {
    // wide enough for every latency line to stay on one line
    String report = TourReport.render(SampleTour.completed("demo", Language.en), 132);
    List<String> lines = report.lines().toList();

    assertEquals(
        "ClusterTour demo · Diverged · stops 1/1 · 1 observed, 1 contradicted, 1 not observable",
        lines.get(0));
    assertTrue(report.contains("Cluster: v1.33.13 · kind · 1 node(s)"), report);
    assertTrue(report.contains("Conditions: Completed=True (AllStopsEnded)"), report);
    assertTrue(report.contains("[1/1] web · Deployment · Diverged · 2500 ms"), report);
    assertTrue(report.contains("Timeline (4 entries, 4 dropped by the cap, 1 repeated events)"));
    String header = line(lines, "REV  BY_MS");
    assertTrue(
        header.matches(" +# {2}REV {2}BY_MS {2}COMPONENT +REASON +OBJECT +SEEN +COUNT"), header);
    // Columns line up: the reason column starts at the same place in the header and each row.
    int reasonAt = header.indexOf("REASON");
    assertEquals(reasonAt, line(lines, "ScalingReplicaSet").indexOf("ScalingReplicaSet"));
    assertEquals(reasonAt, line(lines, "Scheduled").indexOf("Scheduled"));
    assertTrue(line(lines, "Pulled").endsWith("3"), "count shown when above 1");
    assertTrue(line(lines, "deployment.push").contains("Contradicted"));
    assertTrue(report.contains("deployment.push · C09 · Contradicted"), report);
    assertTrue(report.contains("      claim: claim text of deployment.push"), report);
    assertTrue(
        report.contains(
            "  Latencies (2 pod(s) created in the stop; cluster clocks, watch = the operator's"
                + " receive times)\n"
                + "    first pod web-1\n"
                + "      create→scheduled 0 s ±1 s (creationTimestamp → Scheduled.eventTime,"
                + " precision s) · watch 28 ms\n"
                + "      create→ready 1 s ±1 s (creationTimestamp → Ready.lastTransitionTime,"
                + " precision s) · watch 1400 ms\n"
                + "    slowest pod web-2\n"
                + "      create→ready 2 s ±1 s (creationTimestamp → Ready.lastTransitionTime,"
                + " precision s)\n"
                + "  Cluster activity 1 s ±1 s (precision s, seq 1 → 4) · watch 938 ms\n"
                + "  Wall time 2500 ms (startedAt→finishedAt, includes the operator's waits and"
                + " rechecks)\n"),
        report);
    assertTrue(!report.contains("create→scheduled 0 ms"), "no ms claim from second-precision ends");
  }

  @Test
  void clusterActivityNamesItsEndsByTimelineRowNotByReceiveOrder() {
    // the operator's answer to its own request arrives after the writes it caused were watched:
    // the span ran from row #1 to row #4, which "seq 3 → 2" showed as running backwards
    ClusterTour tour = SampleTour.completed("demo", Language.en);
    StopStatus stop = tour.getStatus().stops.get(0);
    TimelineEntry first = stop.timeline.get(0);
    TimelineEntry last = stop.timeline.get(stop.timeline.size() - 1);
    first.seq = 3L;
    first.order = 1;
    last.seq = 2L;
    last.order = 4;
    stop.activity.firstSeq = 3L;
    stop.activity.lastSeq = 2L;

    String report = TourReport.render(tour, 132);

    assertTrue(
        report.contains("(precision s, #" + first.order + " → #" + last.order + ")"), report);
    assertFalse(report.contains("seq 3 → 2"), report);
  }

  @Test
  void longTextIsWrappedToTheWidthNeverCut() {
    ClusterTour tour = SampleTour.completed("demo", Language.en);
    StopStatus stop = tour.getStatus().stops.get(0);
    FlowStepResult f = stop.flow.get(0);
    f.evidence = "Scheduled event by default-scheduler ".repeat(10) + "END";
    f.claimText = "The scheduler assigns the pod to a node ".repeat(5);
    stop.timeline.get(0).object = "Deployment/" + "x".repeat(200);
    tour.getStatus().summary = "word ".repeat(60);

    for (int width : new int[] {60, 100, 160}) {
      String report = TourReport.render(tour, width);

      for (String line : report.lines().toList()) {
        assertTrue(Wrap.width(line) <= width, line.length() + ": " + line);
      }
      assertFalse(report.contains("…"), report);
      assertEquals(
          List.of(f.evidence.strip()),
          ReportText.labelled(report, "evidence: ").subList(0, 1),
          "wrapped, not cut");
      assertEquals(ReportText.oneLine(f.claimText), ReportText.labelled(report, "claim: ").get(0));
      assertEquals(
          stop.timeline.get(0).object,
          ReportText.column(report, "OBJECT").get(0).replace(" ", ""),
          "the object wraps in its column, whole");
    }
  }

  @Test
  void koreanTextIsMeasuredInTerminalColumns() {
    ClusterTour tour = SampleTour.completed("demo-ko", Language.ko);
    for (FlowStepResult f : tour.getStatus().stops.get(0).flow) {
      f.claimText = "스케줄러가 파드를 노드에 배치하고 kubelet에게 직접 알려준다고 노트에 적혀 있습니다";
      f.evidence = "default-scheduler의 Scheduled 이벤트가 관찰되었지만 kubelet은 API 서버를 watch 합니다";
    }
    String report = TourReport.render(tour);
    for (String line : report.lines().toList()) {
      assertTrue(Wrap.width(line) <= TourReport.DEFAULT_WIDTH, line);
    }
    assertTrue(report.contains("스케줄러가"), report);
  }

  @Test
  void tourWithoutStatusSaysSo() {
    ClusterTour tour = SampleTour.completed("fresh", Language.en);
    tour.setStatus(null);
    assertTrue(TourReport.render(tour).contains("fresh: no status yet"));
  }

  private static String line(List<String> lines, String containing) {
    return lines.stream()
        .filter(l -> l.contains(containing))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no line with " + containing + " in\n" + String.join("\n", lines)));
  }
}
