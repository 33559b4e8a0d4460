package io.clustertour.operator.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table that fits a line width by wrapping its long cells inside their columns: a
 * cell's continuation lines stay under the column, and nothing is cut off.
 */
final class TextTable {
  /** A wrapping column never gets narrower than this (or its header). */
  private static final int MIN_FLEX = 6;

  /** A piece of a word longer than this may still be broken inside to make the table fit. */
  private static final int MAX_PIECE = 24;

  private final String[] headers;
  private final boolean[] flexible;
  private final boolean[] right;
  private final List<String[]> rows = new ArrayList<>();

  TextTable(String... headers) {
    this.headers = headers;
    this.flexible = new boolean[headers.length];
    this.right = new boolean[headers.length];
  }

  /** Columns that may be narrowed, their cells wrapping onto more lines, when the table is wide. */
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
      row[i] = cell == null ? "" : Wrap.oneLine(cell.toString());
    }
    rows.add(row);
  }

  /**
   * Lines of the table, each at most maxWidth display columns including the indent. Columns are two
   * spaces apart, one when that is what makes them fit; a table that cannot fit even so is printed
   * as one block of "HEADER value" lines per row.
   */
  List<String> render(String indent, int maxWidth) {
    // first without breaking a word inside (a learner misreads "reques" / "t"), then as needed
    for (boolean wholeWords : new boolean[] {true, false}) {
      for (int gap = 2; gap >= 1; gap--) {
        int[] widths = widths(Wrap.width(indent), maxWidth, gap, wholeWords);
        if (widths != null) {
          return grid(indent, widths, " ".repeat(gap));
        }
      }
    }
    return stacked(indent, maxWidth);
  }

  /**
   * Column widths that fit, or null if none do. Each step narrows the wrapping column whose
   * narrowing adds the fewest lines to the table (the widest among equals): a column that must wrap
   * anyway takes more of the cut, and the rows that wrap wrap in several columns at once.
   */
  private int[] widths(int indent, int maxWidth, int gap, boolean wholeWords) {
    int n = headers.length;
    int[] w = new int[n];
    int[][] lines = new int[n][rows.size()];
    for (int i = 0; i < n; i++) {
      w[i] = Wrap.width(headers[i]);
      for (String[] row : rows) {
        w[i] = Math.max(w[i], Wrap.width(row[i]));
      }
      Arrays.fill(lines[i], 1);
    }
    int total = indent + Arrays.stream(w).sum() + gap * (n - 1);
    while (total > maxWidth) {
      int best = -1;
      int bestHeight = Integer.MAX_VALUE;
      int[] bestLines = null;
      for (int i = 0; i < n; i++) {
        if (!flexible[i] || w[i] <= min(i, wholeWords)) {
          continue;
        }
        int[] narrower = lineCounts(i, w[i] - 1);
        int height = height(lines, i, narrower);
        if (height < bestHeight || (height == bestHeight && w[i] > w[best])) {
          best = i;
          bestHeight = height;
          bestLines = narrower;
        }
      }
      if (best < 0) {
        return null;
      }
      w[best]--;
      lines[best] = bestLines;
      total--;
    }
    return w;
  }

  private int[] lineCounts(int column, int width) {
    int[] counts = new int[rows.size()];
    for (int r = 0; r < counts.length; r++) {
      counts[r] = Wrap.lines(rows.get(r)[column], width, width).size();
    }
    return counts;
  }

  /** Lines of all rows if column {@code changed} had the given line counts. */
  private static int height(int[][] lines, int changed, int[] counts) {
    int height = 0;
    for (int r = 0; r < counts.length; r++) {
      int row = counts[r];
      for (int i = 0; i < lines.length; i++) {
        row = i == changed ? row : Math.max(row, lines[i][r]);
      }
      height += row;
    }
    return height;
  }

  private int min(int column, boolean wholeWords) {
    int min = Math.max(MIN_FLEX, Wrap.width(headers[column]));
    if (wholeWords) {
      for (String[] row : rows) {
        min = Math.max(min, Math.min(MAX_PIECE, Wrap.longestPiece(row[column])));
      }
    }
    return min;
  }

  private List<String> grid(String indent, int[] widths, String gap) {
    List<String> lines = new ArrayList<>();
    lines.add(line(indent, headers, widths, gap));
    for (String[] row : rows) {
      List<List<String>> wrapped = new ArrayList<>();
      int height = 1;
      for (int i = 0; i < row.length; i++) {
        List<String> cell = Wrap.lines(row[i], widths[i], widths[i]);
        wrapped.add(cell);
        height = Math.max(height, cell.size());
      }
      for (int k = 0; k < height; k++) {
        String[] cells = new String[row.length];
        for (int i = 0; i < row.length; i++) {
          cells[i] = k < wrapped.get(i).size() ? wrapped.get(i).get(k) : "";
        }
        lines.add(line(indent, cells, widths, gap));
      }
    }
    return lines;
  }

  private String line(String indent, String[] cells, int[] widths, String gap) {
    StringBuilder b = new StringBuilder(indent);
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        b.append(gap);
      }
      String pad = " ".repeat(Math.max(0, widths[i] - Wrap.width(cells[i])));
      b.append(right[i] ? pad + cells[i] : cells[i] + pad);
    }
    return b.toString().stripTrailing();
  }

  /** One block per row: "- HEADER value", its other cells under it; empty cells left out. */
  private List<String> stacked(String indent, int maxWidth) {
    int label = Arrays.stream(headers).mapToInt(Wrap::width).max().orElse(0);
    List<String> lines = new ArrayList<>();
    for (String[] row : rows) {
      boolean first = true;
      for (int i = 0; i < row.length; i++) {
        if (row[i].isEmpty()) {
          continue;
        }
        String head = (first ? "- " : "  ") + headers[i];
        head += " ".repeat(label + 4 - Wrap.width(head));
        String under = indent + " ".repeat(label + 4);
        int room = maxWidth - Wrap.width(under);
        List<String> value = Wrap.lines(row[i], room, room);
        lines.add(indent + head + value.get(0));
        value.subList(1, value.size()).forEach(v -> lines.add(under + v));
        first = false;
      }
    }
    return lines;
  }
}
