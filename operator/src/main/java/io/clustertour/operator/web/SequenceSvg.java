package io.clustertour.operator.web;

import static io.clustertour.operator.web.Html.esc;

import io.clustertour.operator.diagram.Arrow;
import io.clustertour.operator.diagram.Lane;
import io.clustertour.operator.diagram.Lifeline;
import io.clustertour.operator.diagram.SequenceDiagram;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Draws a sequence diagram as inline SVG: lifelines on top, one row per message, each message a
 * link to its evidence with a title that screen readers and tooltips read.
 */
final class SequenceSvg {
  static final int COLUMN = 132;
  private static final int LEFT = 92;
  // room for a remark written beside the last lifeline
  private static final int RIGHT = 170;
  private static final int TOP = 74;
  private static final int ROW = 26;
  private static final double BREAK_MS = 1000;
  static final String[] POD_COLOURS = {
    "#0969da", "#bf3989", "#1a7f37", "#9a6700", "#8250df", "#cf222e", "#1b7c83", "#6e7781"
  };

  private final SequenceDiagram diagram;
  private final String prefix;
  private final boolean timed;
  private final StringBuilder b = new StringBuilder(8 * 1024);
  private final Set<String> ids = new HashSet<>();

  private SequenceSvg(SequenceDiagram diagram, String prefix, boolean timed) {
    this.diagram = diagram;
    this.prefix = prefix;
    this.timed = timed;
  }

  /**
   * The diagram as an {@code <svg>} element.
   *
   * @param prefix prefix of the page anchors of this stop (e.g. "s2-"), so arrows link to rows
   * @param timed whether rows are spaced by the time between them (observed) or evenly (documented)
   * @param title what the diagram shows, for assistive technology
   */
  static String render(SequenceDiagram diagram, String prefix, boolean timed, String title) {
    return new SequenceSvg(diagram, prefix, timed).svg(title);
  }

  private String svg(String title) {
    List<Lifeline> lines = diagram.lifelines();
    int width = LEFT + Math.max(1, lines.size()) * COLUMN + RIGHT;
    StringBuilder rows = new StringBuilder();
    int y = TOP;
    Double previous = null;
    List<String> pods = diagram.pods();
    for (Arrow a : diagram.arrows()) {
      double gap = 0;
      if (timed && previous != null && a.atMs() != null) {
        gap = Math.max(0, a.atMs() - previous);
      }
      // a log scale: a 1 ms step and a 1 s wait both stay readable
      y += ROW + (int) Math.min(44, 11 * Math.log10(1 + gap));
      if (gap >= BREAK_MS) {
        axisBreak(rows, y - ROW / 2 - 6, width, gap);
        y += 8;
      }
      arrow(rows, a, y, pods.indexOf(a.pod()));
      if (a.atMs() != null) {
        previous = previous == null ? a.atMs() : Math.max(previous, a.atMs());
      }
    }
    int height = y + 24;
    b.append("<svg class=\"sd\" role=\"group\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" aria-label=\"")
        .append(esc(title))
        .append("\"><title>")
        .append(esc(title))
        .append("</title>")
        .append("<defs><marker id=\"")
        .append(head())
        .append("\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\"")
        .append(" markerHeight=\"7\" orient=\"auto-start-reverse\">")
        .append("<path d=\"M0,0L10,5L0,10z\" fill=\"context-stroke\"/></marker></defs>");
    heads(height);
    b.append(rows);
    return b.append("</svg>").toString();
  }

  /** Lifeline names on top, one bracket over the controllers that run in one binary. */
  private void heads(int height) {
    List<Lifeline> lines = diagram.lifelines();
    int firstController = -1;
    int controllers = 0;
    for (int i = 0; i < lines.size(); i++) {
      Lifeline l = lines.get(i);
      int x = x(i);
      b.append("<g class=\"ll ln-")
          .append(l.lane().name().toLowerCase(Locale.ROOT))
          .append("\"><line x1=\"")
          .append(x)
          .append("\" y1=\"")
          .append(TOP - 18)
          .append("\" x2=\"")
          .append(x)
          .append("\" y2=\"")
          .append(height - 6)
          .append("\"/><text x=\"")
          .append(x)
          .append("\" y=\"")
          .append(TOP - 24)
          .append("\" text-anchor=\"middle\">")
          .append(name(l.label(), x))
          .append("</text></g>");
      if (l.lane() == Lane.CONTROLLERS && !l.label().equals("kube-controller-manager")) {
        firstController = firstController < 0 ? i : firstController;
        controllers++;
      }
    }
    if (controllers > 0) {
      int x1 = x(firstController) - COLUMN / 2 + 4;
      int x2 = x(firstController + controllers - 1) + COLUMN / 2 - 4;
      b.append("<g class=\"bracket\"><path d=\"M")
          .append(x1)
          .append(",18V12H")
          .append(x2)
          .append("V18\"/><text x=\"")
          .append((x1 + x2) / 2)
          .append("\" y=\"9\" text-anchor=\"middle\">kube-controller-manager</text></g>");
    }
  }

  /** A long name on two lines, broken after a dash or a space, so neighbours do not overlap. */
  private static String name(String label, int x) {
    int limit = 18;
    if (label.length() <= limit) {
      return esc(label);
    }
    int cut = -1;
    for (int i = 0; i < label.length() - 1; i++) {
      char c = label.charAt(i);
      if ((c == '-' || c == ' ')
          && (cut < 0 || Math.abs(i - label.length() / 2) < Math.abs(cut - label.length() / 2))) {
        cut = i;
      }
    }
    if (cut < 0) {
      return esc(label);
    }
    String first = label.substring(0, cut + 1).trim();
    String second = label.substring(cut + 1).trim();
    return "<tspan x=\""
        + x
        + "\" dy=\"-12\">"
        + esc(first)
        + "</tspan><tspan x=\""
        + x
        + "\" dy=\"12\">"
        + esc(second)
        + "</tspan>";
  }

  private void axisBreak(StringBuilder rows, int y, int width, double gapMs) {
    rows.append("<g class=\"gap\"><path d=\"M")
        .append(LEFT - 6)
        .append(',')
        .append(y)
        .append('H')
        .append(width - 4)
        .append("\"/><text x=\"4\" y=\"")
        .append(y + 4)
        .append("\">⋯ ")
        .append(String.format(Locale.ROOT, "%.1f s", gapMs / 1000))
        .append("</text></g>");
  }

  private void arrow(StringBuilder rows, Arrow a, int y, int podIndex) {
    int from = diagram.column(a.from());
    int to = diagram.column(a.to());
    String style = a.style().name().toLowerCase(Locale.ROOT);
    rows.append("<a class=\"arrow a-")
        .append(style)
        .append("\" href=\"#")
        .append(prefix)
        .append(esc(a.ref()))
        .append("\" id=\"")
        .append(esc(id(a)))
        .append('"');
    if (a.evidenceRef() != null) {
      rows.append(" data-evidence=\"").append(prefix).append(esc(a.evidenceRef())).append('"');
    }
    if (a.pod() != null) {
      rows.append(" data-pod=\"").append(esc(a.pod())).append('"');
    }
    rows.append("><title>").append(esc(a.detail())).append("</title>");
    if (a.when() != null) {
      rows.append("<text class=\"when\" x=\"4\" y=\"")
          .append(y + 3)
          .append("\">")
          .append(esc(a.when()))
          .append("</text>");
    }
    String mark = a.style().sign();
    int x1 = x(from);
    int x2 = x(to);
    if (a.isRemark()) {
      rows.append("<rect x=\"")
          .append(x1 - 5)
          .append("\" y=\"")
          .append(y - 7)
          .append("\" width=\"10\" height=\"14\" rx=\"2\"/>")
          .append("<text x=\"")
          .append(x1 + 9)
          .append("\" y=\"")
          .append(y + 4)
          .append("\">")
          .append(esc(mark + a.label()))
          .append("</text>");
    } else {
      // the whole band of the arrow and its label takes the pointer, not only the thin stroke
      rows.append("<rect class=\"hit\" x=\"")
          .append(Math.min(x1, x2))
          .append("\" y=\"")
          .append(y - 15)
          .append("\" width=\"")
          .append(Math.max(Math.abs(x2 - x1), 8 * (a.label().length() + 2)))
          .append("\" height=\"20\"/>");
      rows.append("<line x1=\"")
          .append(x1)
          .append("\" y1=\"")
          .append(y)
          .append("\" x2=\"")
          .append(x2 + (x2 > x1 ? -2 : 2))
          .append("\" y2=\"")
          .append(y)
          .append("\" marker-end=\"url(#")
          .append(head())
          .append(")\"/><text x=\"")
          .append(Math.min(x1, x2) + 6)
          .append("\" y=\"")
          .append(y - 4)
          .append("\">")
          .append(esc(mark + a.label()))
          .append("</text>");
    }
    if (podIndex >= 0) {
      rows.append("<circle class=\"pod\" cx=\"")
          .append(x1)
          .append("\" cy=\"")
          .append(y)
          .append("\" r=\"3.5\" fill=\"")
          .append(POD_COLOURS[podIndex % POD_COLOURS.length])
          .append("\"/>");
    }
    rows.append("</a>");
  }

  private String head() {
    return prefix + (timed ? "o" : "d") + "-head";
  }

  /** The arrow's page id: one entry can draw two messages (a request and its etcd write). */
  private String id(Arrow a) {
    String id = prefix + (timed ? "o-" : "d-") + a.ref();
    for (int n = 2; !ids.add(id); n++) {
      id = prefix + (timed ? "o-" : "d-") + a.ref() + "-" + n;
    }
    return id;
  }

  private static int x(int column) {
    return LEFT + column * COLUMN + COLUMN / 2;
  }
}
