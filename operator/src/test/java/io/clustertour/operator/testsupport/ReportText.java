package io.clustertour.operator.testsupport;

import java.util.ArrayList;
import java.util.List;

/** Reads a printed tour report back: the wrapped "claim:" and "evidence:" texts, joined again. */
public final class ReportText {
  private ReportText() {}

  /**
   * Every text printed after {@code label} (e.g. "claim: "), its continuation lines (indented under
   * the text's first letter) joined with one space each.
   */
  public static List<String> labelled(String report, String label) {
    List<String> texts = new ArrayList<>();
    List<String> lines = report.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int at = line.indexOf(label);
      if (at < 0 || !line.substring(0, at).isBlank()) {
        continue;
      }
      String under = " ".repeat(at + label.length());
      StringBuilder text = new StringBuilder(line.substring(at + label.length()));
      while (i + 1 < lines.size() && continues(lines.get(i + 1), under)) {
        text.append(' ').append(lines.get(++i).substring(under.length()));
      }
      texts.add(text.toString());
    }
    return texts;
  }

  private static boolean continues(String line, String under) {
    return line.length() > under.length()
        && line.startsWith(under)
        && line.charAt(under.length()) != ' ';
  }

  /**
   * The cells of a left-aligned column of every printed table with that header, in order; the
   * pieces of a cell wrapped over several lines joined with one space. A row begins where the first
   * column holds its number; the table ends at a blank or any other line.
   */
  public static List<String> column(String report, String header) {
    List<String> lines = report.lines().toList();
    List<String> cells = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String head = lines.get(i);
      int at = (head + " ").indexOf(" " + header + " ") + 1;
      if (at <= 0 || !head.strip().matches("[A-Z_#]+( +[A-Z_#]+)*")) {
        continue;
      }
      int firstEnd = head.indexOf(' ', head.length() - head.stripLeading().length());
      int next = head.indexOf(' ', at);
      int end =
          next < 0
              ? Integer.MAX_VALUE
              : next
                  + (head.substring(next).length() - head.substring(next).stripLeading().length());
      StringBuilder cell = null;
      for (int j = i + 1; j < lines.size(); j++) {
        String line = lines.get(j);
        String lead = slice(line, 0, firstEnd).strip();
        if (line.isBlank() || !(lead.isEmpty() || lead.matches("∥?\\d+"))) {
          break;
        }
        if (!lead.isEmpty()) {
          if (cell != null) {
            cells.add(cell.toString());
          }
          cell = new StringBuilder();
        }
        String piece = slice(line, at, end).strip();
        if (cell != null && !piece.isEmpty()) {
          cell.append(cell.length() > 0 ? " " : "").append(piece);
        }
      }
      if (cell != null) {
        cells.add(cell.toString());
      }
    }
    return cells;
  }

  private static String slice(String line, int from, int to) {
    return from >= line.length() ? "" : line.substring(from, Math.min(to, line.length()));
  }

  /**
   * Whether a text read back from the report is the text it was given: the same words with one
   * space between them; where a word (a long path) is wider than the room a line has, it was broken
   * where the line ended, so there only the letters must be the same.
   */
  public static boolean whole(String printed, String text, int room) {
    String expected = oneLine(text);
    boolean fits = java.util.Arrays.stream(expected.split(" ")).allMatch(w -> w.length() <= room);
    return fits
        ? printed.equals(expected)
        : printed.replace(" ", "").equals(expected.replace(" ", ""));
  }

  /** The text the report prints for a sentence: white space runs as one space. */
  public static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }
}
