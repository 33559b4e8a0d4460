package io.clustertour.operator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {
  @Test
  void widthCountsHangulAsTwoColumns() {
    assertEquals(3, Wrap.width("abc"));
    assertEquals(4, Wrap.width("한글"));
    assertEquals(List.of("한글", "한글"), Wrap.lines("한글한글", 4, 4));
  }

  @Test
  void wordsWrapAndLongWordsBreakAfterASlashOrDash() {
    assertEquals(List.of("the pod is", "bound"), Wrap.lines("the  pod is\nbound", 10, 10));
    assertEquals(List.of("Pod/web-", "68c6f8-572p9"), Wrap.lines("Pod/web-68c6f8-572p9", 12, 12));
    assertEquals(List.of("abcde", "fghij", "k"), Wrap.lines("abcdefghijk", 5, 5));
    assertEquals(List.of("first line", "then", "more"), Wrap.lines("first line then more", 10, 6));
  }

  @Test
  void longCellsWrapInsideTheirColumnAndRowsAlign() {
    TextTable t = new TextTable("N", "TEXT", "TAIL").flexible(1).right(0);
    t.add(1, "a".repeat(20) + " " + "b".repeat(20), "end");
    t.add(22, "short", "end");

    assertEquals(
        List.of(
            " N  TEXT                  TAIL",
            " 1  aaaaaaaaaaaaaaaaaaaa  end",
            "    bbbbbbbbbbbbbbbbbbbb",
            "22  short                 end"),
        t.render("", 30),
        "numbers align right, the long cell goes on under its column, nothing is cut");
  }

  @Test
  void wordsStayWholeWhenTheOtherColumnsCanGiveWay() {
    // the shape that printed "reques" / "t+trac" / "e" and "DeploymentCreate" / "d" at width 100
    TextTable t =
        new TextTable("#", "REV", "BY_MS", "COMPONENT", "REASON", "OBJECT", "SEEN", "COUNT")
            .flexible(3, 4, 5, 6)
            .right(0, 1, 2);
    t.add(
        1,
        33614,
        108,
        "clustertour-operator",
        "DeploymentCreated",
        "Deployment/web",
        "request+trace");
    t.add(
        5,
        null,
        286,
        "deployment-controller",
        "update deployments/status",
        "Deployment/web",
        "audit");
    t.add(
        7,
        33622,
        496,
        "replicaset-controller",
        "PodCreated",
        "Pod/web-765fc747cc-lgkf9",
        "watch+trace+audit");
    t.add(12, null, 654, "kubelet", "get pods", "Pod/web-765fc747cc-2sdn2", "audit");
    t.add(
        51, 33725, 5186, "deployment-controller", "DeploymentAvailable", "Deployment/web", "watch");

    List<String> lines = t.render("    ", 98);
    String all = String.join("\n", lines);
    for (String piece :
        List.of(
            "DeploymentCreated", "DeploymentAvailable", "request+", "trace", "watch+", "audit")) {
      assertTrue(all.contains(piece), piece + " was broken inside:\n" + all);
    }
    assertTrue(lines.stream().allMatch(l -> Wrap.width(l) <= 98), all);
  }

  @Test
  void columnsMoveCloserBeforeTheyGiveUp() {
    TextTable t = new TextTable("AAAA", "BBBB", "CCCC");
    t.add("1234", "5678", "9012");
    assertEquals(List.of("AAAA BBBB CCCC", "1234 5678 9012"), t.render("", 14));
  }

  @Test
  void aTableThatCannotFitIsPrintedRowByRow() {
    TextTable t = new TextTable("NUMBER", "OTHER").right(0);
    t.add("1".repeat(40), "x");
    List<String> lines = t.render("  ", 30);

    assertEquals(
        List.of(
            "  - NUMBER  " + "1".repeat(18),
            "            " + "1".repeat(18),
            "            1111",
            "    OTHER   x"),
        lines);
  }
}
