package io.clustertour.operator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {
  @Test
  void widthCountsHangulAsTwoColumns() {
    assertEquals(3, TextTable.width("abc"));
    assertEquals(4, TextTable.width("한글"));
    assertEquals("한…", TextTable.truncate("한글한글", 4));
    assertEquals("abc", TextTable.truncate("abc", 3));
  }

  @Test
  void onlyFlexibleColumnsShrinkAndRowsAlign() {
    TextTable t = new TextTable("N", "TEXT", "TAIL").flexible(1).right(0);
    t.add(1, "a".repeat(50), "end");
    t.add(22, "short", "end");
    List<String> lines = t.render("", 30);

    assertEquals(" N  TEXT", lines.get(0).substring(0, 8), "numbers and their header align right");
    for (String line : lines) {
      assertTrue(line.length() <= 30, line);
      assertTrue(line.endsWith("TAIL") || line.endsWith("end"), line);
    }
    assertTrue(lines.get(1).startsWith(" 1  aaaa"), lines.get(1));
    assertTrue(lines.get(1).contains("…"));
    assertEquals(lines.get(0).indexOf("TAIL"), lines.get(2).indexOf("end"));
  }
}
