package io.clustertour.operator.report;

import io.clustertour.operator.api.ActivitySpan;
import io.clustertour.operator.api.ClusterInfo;
import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.ClusterTourStatus;
import io.clustertour.operator.api.EvidenceSource;
import io.clustertour.operator.api.FlowStepResult;
import io.clustertour.operator.api.Latencies;
import io.clustertour.operator.api.LatencyPhase;
import io.clustertour.operator.api.NodeSummary;
import io.clustertour.operator.api.PodLatencies;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.api.TimelineEntry;
import io.clustertour.operator.diagram.ObservedDiagram;
import io.clustertour.operator.diagram.TextSequence;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A ClusterTour's status as plain text for a terminal: header, then per stop timeline and verdicts.
 * Every claim and every piece of evidence is printed whole, wrapped to the width.
 */
public final class TourReport {
  /** The width when the terminal's is not known. */
  public static final int DEFAULT_WIDTH = 100;

  /** Narrower than this, the timeline's columns would hold a few letters each. */
  public static final int MIN_WIDTH = 60;

  private final List<String> out = new ArrayList<>();
  private final int width;

  private TourReport(int width) {
    this.width = width;
  }

  /** Renders the tour {@link #DEFAULT_WIDTH} columns wide. */
  public static String render(ClusterTour tour) {
    return render(tour, DEFAULT_WIDTH);
  }

  /** Renders the tour; no line is wider than width (at least {@link #MIN_WIDTH}) columns. */
  public static String render(ClusterTour tour, int width) {
    TourReport r = new TourReport(Math.max(MIN_WIDTH, width));
    r.tour(tour);
    return String.join("\n", r.out) + "\n";
  }

  private void tour(ClusterTour tour) {
    ClusterTourStatus s = tour.getStatus();
    String name = tour.getMetadata() == null ? "?" : tour.getMetadata().getName();
    if (s == null) {
      text("ClusterTour " + name + ": no status yet (the operator has not reconciled it)", "");
      return;
    }
    text(
        join(" · ", "ClusterTour " + name, name(s.state), stops(s.stopsDone), s.verdictSummary),
        "");
    if (s.summary != null) {
      text(s.summary, "");
    }
    cluster(s.cluster);
    evidence(s.evidence);
    conditions(s.conditions);
    List<StopStatus> stops = s.stops == null ? List.of() : s.stops;
    for (int i = 0; i < stops.size(); i++) {
      out.add("");
      stop(i + 1, stops.size(), stops.get(i));
    }
  }

  /** The record's source and what was merged into it, e.g. watch+audit+trace. */
  private static String seen(TimelineEntry e) {
    List<String> all = new ArrayList<>();
    if (e.source != null) {
      all.add(e.source);
    }
    if (e.via != null) {
      all.addAll(e.via);
    }
    return String.join("+", all);
  }

  /** Which evidence the verdicts could rest on, and why any is missing. */
  private void evidence(List<EvidenceSource> sources) {
    if (sources == null || sources.isEmpty()) {
      return;
    }
    text("Evidence sources", "");
    for (EvidenceSource e : sources) {
      String mark = Boolean.TRUE.equals(e.available) ? "yes" : "MISSING";
      text(e.source + " (" + e.level + "): " + mark + " — " + e.detail, "  ");
    }
  }

  private void cluster(ClusterInfo c) {
    if (c == null) {
      return;
    }
    String nodes = c.nodeCount == null ? null : c.nodeCount + " node(s)";
    text(join(" · ", "Cluster: " + or(c.serverVersion, "?"), or(c.distribution, "?"), nodes), "");
    if (c.distributionEvidence != null) {
      text("distribution evidence: " + c.distributionEvidence, "  ");
    }
    for (NodeSummary n : nullSafe(c.nodes)) {
      text(
          join(
              " · ",
              "node " + n.name,
              "Ready=" + or(n.ready, "?"),
              n.kubeletVersion,
              n.containerRuntime,
              n.capacity),
          "  ");
    }
    if (!nullSafe(c.controlPlanePods).isEmpty()) {
      text("control plane pods: " + String.join(", ", c.controlPlanePods), "  ");
    }
  }

  private void conditions(List<Condition> conditions) {
    List<String> parts = new ArrayList<>();
    for (Condition c : nullSafe(conditions)) {
      parts.add(
          c.getType()
              + "="
              + c.getStatus()
              + (c.getReason() == null ? "" : " (" + c.getReason() + ")"));
    }
    if (!parts.isEmpty()) {
      text("Conditions: " + String.join(" · ", parts), "");
    }
  }

  private void stop(int number, int total, StopStatus stop) {
    text(
        join(
            " · ",
            "[" + number + "/" + total + "] " + stop.name,
            name(stop.type),
            name(stop.state),
            duration(stop.startedAt, stop.finishedAt)),
        "");
    if (stop.reason != null || stop.message != null) {
      text(join(": ", stop.reason, stop.message), "    ");
    }
    List<TimelineEntry> timeline = nullSafe(stop.timeline);
    String counts =
        join(
            ", ",
            timeline.size() + " entries",
            positive(stop.droppedEntries, " dropped by the cap"),
            positive(stop.repeatedEvents, " repeated events"));
    text("Timeline (" + counts + ")", "  ");
    if (!timeline.isEmpty()) {
      if (stop.ordering != null) {
        text("Ordered " + stop.ordering + ".", "  ");
      }
      text(
          "# = causal order (∥: nothing proves it came after the row above) · REV = etcd revision"
              + " of the write · BY_MS = ms after the stop started by which it had provably"
              + " happened · SEEN = how: watch, event, request (the operator's own), audit (the"
              + " API server's audit of the request), trace (the etcd write or CRI call)",
          "  ");
      TextTable t =
          new TextTable("#", "REV", "BY_MS", "COMPONENT", "REASON", "OBJECT", "SEEN", "COUNT")
              .flexible(3, 4, 5, 6)
              .right(0, 1, 2, 7);
      for (TimelineEntry e : timeline) {
        t.add(
            (Boolean.TRUE.equals(e.concurrent) ? "∥" : "") + (e.order == null ? e.seq : e.order),
            e.revision,
            e.offsetMs,
            e.component,
            e.reason,
            e.object,
            seen(e),
            e.count != null && e.count > 1 ? e.count : null);
      }
      out.addAll(t.render("  ", width));
      sequence(stop);
    }
    List<FlowStepResult> flow = nullSafe(stop.flow);
    if (!flow.isEmpty()) {
      text("Verdicts", "  ");
      for (FlowStepResult f : flow) {
        // whole sentences: a claim or its evidence cut short is a claim a learner cannot check
        text(
            join(
                " · ",
                f.step,
                f.claim,
                name(f.verdict),
                f.evidenceLevel == null ? null : f.evidenceLevel + " evidence"),
            "  ");
        if (f.claimText != null) {
          labelled("claim: ", f.claimText, "      ");
        }
        if (f.evidence != null) {
          labelled("evidence: ", f.evidence, "      ");
        }
      }
    }
    placements(stop);
    latencies(stop.latencies);
    activity(stop);
  }

  /** Which node each pod went to, and who chose it (empty for stops without pods). */
  private void placements(StopStatus stop) {
    List<Placement> placements = Placement.of(stop.timeline);
    if (placements.isEmpty()) {
      return;
    }
    text("Pods and their nodes (the scheduler's Scheduled Event, then spec.nodeName)", "  ");
    for (Placement p : placements) {
      text(p.pod() + " → " + (p.node() == null ? "?" : p.node()) + " · " + p.why(), "    ");
    }
  }

  /** The timeline as a sequence diagram: who called whom, in causal order. */
  private void sequence(StopStatus stop) {
    text(
        "Who called whom: ● sends, ▶ ◀ receives; ─ the request or call itself (audited or"
            + " traced), ╌ a write seen by the watch, ┈ an Event posted; ■ a remark",
        "  ");
    String diagram = TextSequence.render(ObservedDiagram.of(stop), "Lifelines", width - 2);
    diagram.lines().forEach(line -> out.add("  " + line));
  }

  private void latencies(Latencies l) {
    if (l == null) {
      return;
    }
    text(
        "Latencies ("
            + (l.pods == null ? "?" : l.pods)
            + " pod(s) created in the stop; cluster clocks, watch = the operator's receive times)",
        "  ");
    pod("first pod", l.first);
    pod("slowest pod", l.slowest);
  }

  private void pod(String which, PodLatencies p) {
    if (p == null) {
      return;
    }
    text(which + " " + p.pod, "    ");
    phase("create→scheduled", p.createToScheduled);
    phase("scheduled→running", p.scheduledToRunning);
    phase("create→ready", p.createToReady);
  }

  /** A phase in full: value, precision and both sources, then the watch figure. */
  private void phase(String label, LatencyPhase p) {
    if (p == null) {
      return;
    }
    String cluster =
        p.ms == null
            ? "no cluster time"
            : amount(p.ms, p.precision)
                + " ("
                + p.from
                + " → "
                + p.to
                + ", precision "
                + p.precision
                + ")";
    text(
        label + " " + cluster + (p.watchMs == null ? "" : " · watch " + p.watchMs + " ms"),
        "      ");
  }

  /** Second-precision figures are whole seconds, shown as such with their ±1 s. */
  static String amount(long ms, String precision) {
    return "s".equals(precision) ? (ms / 1000) + " s ±1 s" : ms + " ms";
  }

  private void activity(StopStatus stop) {
    ActivitySpan a = stop.activity;
    if (a != null && a.ms != null) {
      text(
          join(
              " · ",
              "Cluster activity "
                  + amount(a.ms, a.precision)
                  + " (precision "
                  + a.precision
                  + ", "
                  + ActivityRows.of(stop, a.firstSeq, a.lastSeq)
                  + ")",
              a.watchMs == null ? null : "watch " + a.watchMs + " ms"),
          "  ");
    }
    if (stop.finishedAt != null && duration(stop.startedAt, stop.finishedAt) != null) {
      text(
          "Wall time "
              + duration(stop.startedAt, stop.finishedAt)
              + " (startedAt→finishedAt, includes the operator's waits and rechecks)",
          "  ");
    }
  }

  /** Adds text wrapped to the report width; later lines of an unindented text are indented. */
  private void text(String text, String indent) {
    paragraph(indent, indent.isEmpty() ? "  " : indent, text);
  }

  /** Adds "label text", later lines of the text under its first letter. */
  private void labelled(String label, String text, String indent) {
    paragraph(indent + label, indent + " ".repeat(Wrap.width(label)), text);
  }

  private void paragraph(String first, String rest, String text) {
    List<String> lines = Wrap.lines(text, width - Wrap.width(first), width - Wrap.width(rest));
    out.add(first + lines.get(0));
    lines.subList(1, lines.size()).forEach(l -> out.add(rest + l));
  }

  private static String duration(String from, String to) {
    try {
      if (from == null || to == null) {
        return from == null ? null : "started " + from;
      }
      long ms = Duration.between(OffsetDateTime.parse(from), OffsetDateTime.parse(to)).toMillis();
      return ms + " ms";
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String stops(String done) {
    return done == null ? null : "stops " + done;
  }

  private static String positive(Integer n, String what) {
    return n == null || n <= 0 ? null : n + what;
  }

  private static String or(String s, String fallback) {
    return s == null || s.isBlank() ? fallback : s;
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }

  /** Joins the non-blank parts. */
  private static String join(String sep, String... parts) {
    List<String> kept = new ArrayList<>();
    for (String p : parts) {
      if (p != null && !p.isBlank()) {
        kept.add(p);
      }
    }
    return String.join(sep, kept);
  }

  private static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }
}
