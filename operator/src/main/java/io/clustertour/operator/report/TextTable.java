package io.clustertour.operator.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table whose columns fit their content and shrink to a maximum line width. */
final class TextTable {
  private static final String GAP = "  ";
  private static final int MIN_FLEX = 8;

  private final String[] headers;
  private final boolean[] flexible;
  private final boolean[] right;
  private final List<String[]> rows = new ArrayList<>();

  TextTable(String... headers) {
    this.headers = headers;
    this.flexible = new boolean[headers.length];
    this.right = new boolean[headers.length];
  }

  /** Columns that may be shortened (with …) when the table is too wide. */
  TextTable flexible(int... columns) {
    for (int c : columns) {
      flexible[c] = true;
    }
    return this;
  }

  /** Columns aligned right, for numbers. */
  TextTable right(int... columns) {
    for (int c : columns) {
      right[c] = true;
    }
    return this;
  }

  void add(Object... cells) {
    String[] row = new String[headers.length];
    for (int i = 0; i < row.length; i++) {
      Object cell = i < cells.length ? cells[i] : null;
      row[i] = cell == null ? "" : oneLine(cell.toString());
    }
    rows.add(row);
  }

  /** Lines of the table, each at most maxWidth display columns including the indent. */
  List<String> render(String indent, int maxWidth) {
    int[] widths = widths(indent.length(), maxWidth);
    List<String> lines = new ArrayList<>(rows.size() + 1);
    lines.add(line(indent, headers, widths, maxWidth));
    for (String[] row : rows) {
      lines.add(line(indent, row, widths, maxWidth));
    }
    return lines;
  }

  private int[] widths(int indent, int maxWidth) {
    int n = headers.length;
    int[] w = new int[n];
    for (int i = 0; i < n; i++) {
      w[i] = width(headers[i]);
      for (String[] row : rows) {
        w[i] = Math.max(w[i], width(row[i]));
      }
    }
    int total = indent + Arrays.stream(w).sum() + GAP.length() * (n - 1);
    // Take one column at a time from the widest flexible column: long text gives way first.
    while (total > maxWidth) {
      int widest = -1;
      for (int i = 0; i < n; i++) {
        int min = Math.max(MIN_FLEX, width(headers[i]));
        if (flexible[i] && w[i] > min && (widest < 0 || w[i] > w[widest])) {
          widest = i;
        }
      }
      if (widest < 0) {
        break;
      }
      w[widest]--;
      total--;
    }
    return w;
  }

  private String line(String indent, String[] cells, int[] widths, int maxWidth) {
    StringBuilder b = new StringBuilder(indent);
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        b.append(GAP);
      }
      String cell = truncate(cells[i], widths[i]);
      String pad = " ".repeat(widths[i] - width(cell));
      b.append(right[i] ? pad + cell : cell + pad);
    }
    return truncate(b.toString().stripTrailing(), maxWidth);
  }

  static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  /** Shortens to at most max display columns, marking the cut with …. */
  static String truncate(String s, int max) {
    if (width(s) <= max) {
      return s;
    }
    StringBuilder b = new StringBuilder();
    int used = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int w = width(cp);
      if (used + w > max - 1) {
        break;
      }
      b.appendCodePoint(cp);
      used += w;
      i += Character.charCount(cp);
    }
    return b.append('…').toString();
  }

  /** Terminal columns a string takes: Hangul, CJK and full-width forms take two. */
  static int width(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      w += width(cp);
      i += Character.charCount(cp);
    }
    return w;
  }

  private static int width(int cp) {
    if (Character.getType(cp) == Character.NON_SPACING_MARK || cp == 0x200B) {
      return 0;
    }
    boolean wide =
        (cp >= 0x1100 && cp <= 0x115F)
            || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
            || (cp >= 0xAC00 && cp <= 0xD7A3)
            || (cp >= 0xF900 && cp <= 0xFAFF)
            || (cp >= 0xFE30 && cp <= 0xFE4F)
            || (cp >= 0xFF00 && cp <= 0xFF60)
            || (cp >= 0xFFE0 && cp <= 0xFFE6)
            || (cp >= 0x1F300 && cp <= 0x1F64F)
            || (cp >= 0x20000 && cp <= 0x3FFFD);
    return wide ? 2 : 1;
  }
}
