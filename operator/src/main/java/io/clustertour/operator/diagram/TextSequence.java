package io.clustertour.operator.diagram;

import io.clustertour.operator.diagram.Arrow.Style;
import java.util.ArrayList;
import java.util.List;

/**
 * A sequence diagram for a terminal: numbered lifelines as columns, one line per message, the
 * message's words after the columns (wrapped to the width, never cut).
 */
public final class TextSequence {
  private static final int STEP = 4;
  private static final int TIME = 14;

  private TextSequence() {}

  /** The diagram within {@code width} columns (the lifeline legend and words wrap to fit). */
  public static String render(SequenceDiagram d, String title, int width) {
    StringBuilder out = new StringBuilder();
    List<Lifeline> lines = d.lifelines();
    StringBuilder legend = new StringBuilder(title).append(':');
    for (int i = 0; i < lines.size(); i++) {
      // a no-break space keeps each number with its name when the legend wraps
      legend.append(' ').append(i + 1).append('\u00a0').append(lines.get(i).label());
      legend.append(i + 1 < lines.size() ? "," : "");
    }
    for (String l : wrap(legend.toString(), width)) {
      out.append(l).append('\n');
    }
    int labelWidth = width - TIME - lines.size() * STEP - 1;
    if (labelWidth < 16) {
      return out.append(list(d, width)).toString();
    }
    StringBuilder head = new StringBuilder(" ".repeat(TIME));
    for (int i = 0; i < lines.size(); i++) {
      String n = String.valueOf(i + 1);
      head.append(n).append(" ".repeat(Math.max(1, STEP - n.length())));
    }
    out.append(head.toString().stripTrailing()).append('\n');
    for (Arrow a : d.arrows()) {
      List<String> words = wrap(mark(a.style()) + a.label(), labelWidth);
      out.append(pad(a.when() == null ? "" : a.when(), TIME))
          .append(row(a, d))
          .append(' ')
          .append(words.get(0))
          .append('\n');
      for (String more : words.subList(1, words.size())) {
        out.append(" ".repeat(TIME)).append(bars(lines.size())).append(' ').append(more);
        out.append('\n');
      }
    }
    return out.toString();
  }

  /** Too narrow for columns: one message per line, by lifeline number. */
  private static String list(SequenceDiagram d, int width) {
    StringBuilder out = new StringBuilder();
    for (Arrow a : d.arrows()) {
      String route =
          a.isRemark()
              ? (d.column(a.from()) + 1) + " ■"
              : (d.column(a.from()) + 1) + " " + line(a.style()) + "▶ " + (d.column(a.to()) + 1);
      List<String> words = wrap(mark(a.style()) + a.label(), width - TIME - 8);
      out.append(pad(a.when() == null ? "" : a.when(), TIME))
          .append(pad(route, 8))
          .append(words.get(0))
          .append('\n');
      for (String more : words.subList(1, words.size())) {
        out.append(" ".repeat(TIME + 8)).append(more).append('\n');
      }
    }
    return out.toString();
  }

  /** The columns of one message: ● at the sender, an arrow head at the receiver. */
  private static String row(Arrow a, SequenceDiagram d) {
    int n = d.lifelines().size();
    int from = d.column(a.from());
    int to = d.column(a.to());
    char[] cells = bars(n).toCharArray();
    if (from < 0 || to < 0) {
      return new String(cells);
    }
    if (from == to) {
      cells[from * STEP] = '■';
      return new String(cells);
    }
    char line = line(a.style());
    int lo = Math.min(from, to) * STEP;
    int hi = Math.max(from, to) * STEP;
    for (int i = lo + 1; i < hi; i++) {
      cells[i] = line;
    }
    cells[from * STEP] = '●';
    cells[to * STEP] = to > from ? '▶' : '◀';
    return new String(cells);
  }

  private static String bars(int lifelines) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < lifelines; i++) {
      s.append('│').append(i + 1 < lifelines ? " ".repeat(STEP - 1) : "");
    }
    return s.toString();
  }

  private static char line(Style style) {
    return switch (style) {
      case DIRECT, CONFIRMED -> '─';
      case WATCH, OPEN -> '╌';
      case EVENT, UNSEEN -> '┈';
      case MYTH -> '×';
    };
  }

  private static String mark(Style style) {
    return style == Style.MYTH ? "✗ never happens: " : style.sign();
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }

  /** Words to lines of at most {@code width} characters; a longer word is split, not cut. */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String whole : text.split(" ")) {
      String word = whole;
      while (word.length() > width) {
        if (line.length() > 0) {
          lines.add(line.toString());
          line.setLength(0);
        }
        lines.add(word.substring(0, width));
        word = word.substring(width);
      }
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    lines.add(line.toString());
    return lines;
  }
}
