package io.clustertour.operator.web;

import static io.clustertour.operator.web.Html.esc;

import io.clustertour.operator.api.ActivitySpan;
import io.clustertour.operator.api.ClusterInfo;
import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.ClusterTourSpec;
import io.clustertour.operator.api.ClusterTourSpec.Language;
import io.clustertour.operator.api.ClusterTourStatus;
import io.clustertour.operator.api.FlowStepResult;
import io.clustertour.operator.api.Latencies;
import io.clustertour.operator.api.LatencyPhase;
import io.clustertour.operator.api.NodeSummary;
import io.clustertour.operator.api.PodLatencies;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.api.TimelineEntry;
import io.clustertour.operator.compare.FlowCatalog;
import io.clustertour.operator.diagram.DocumentedDiagram;
import io.clustertour.operator.diagram.ObservedDiagram;
import io.clustertour.operator.diagram.SequenceDiagram;
import io.clustertour.operator.report.ActivityRows;
import io.clustertour.operator.report.Placement;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One tour: per stop, the documented flow and the observed one as two sequence diagrams. */
final class TourPage {
  private final ClusterTour tour;
  private final boolean ko;
  private final StringBuilder b;

  private TourPage(ClusterTour tour) {
    this.tour = tour;
    ClusterTourSpec spec = tour.getSpec();
    this.ko = spec != null && spec.language == ClusterTourSpec.Language.ko;
    ClusterTourStatus s = tour.getStatus();
    this.b =
        Page.open(
            "ClusterTour " + tour.getMetadata().getName(),
            ko,
            Page.unfinished(s == null ? null : s.state));
  }

  static String render(ClusterTour tour, Instant now) {
    return new TourPage(tour).page(now);
  }

  private String page(Instant now) {
    String name = tour.getMetadata().getName();
    ClusterTourStatus s = tour.getStatus();
    b.append("<p><a href=\"/\">← ")
        .append(Label.ALL_TOURS.in(ko))
        .append("</a> · <a href=\"/api")
        .append(Html.tourHref(name))
        .append("\">JSON</a></p>");
    b.append("<h1>").append(esc(name)).append(' ');
    b.append(s == null ? "" : Page.stateBadge(s.state)).append("</h1>");
    if (s == null) {
      b.append("<p>").append(Label.NO_STATUS.in(ko)).append("</p>");
      return Page.close(b);
    }
    b.append("<p class=\"muted\">")
        .append(Label.STOPS_DONE.in(ko))
        .append(": ")
        .append(esc(Html.or(s.stopsDone, "-")))
        .append(" · ")
        .append(Label.VERDICTS.in(ko))
        .append(": ")
        .append(esc(Html.or(s.verdictSummary, "-")))
        .append(" · ")
        .append(Label.AGE.in(ko))
        .append(": ")
        .append(esc(Html.age(tour.getMetadata().getCreationTimestamp(), now)))
        .append("</p>");
    if (s.summary != null) {
      b.append("<p><b>").append(esc(s.summary)).append("</b></p>");
    }
    cluster(s.cluster);
    conditions(s.conditions);
    for (int i = 0; i < Html.list(s.stops).size(); i++) {
      stop(i, s.stops.get(i));
    }
    return Page.close(b);
  }

  private void cluster(ClusterInfo c) {
    if (c == null) {
      return;
    }
    b.append("<h3>")
        .append(Label.CLUSTER.in(ko))
        .append("</h3><p>")
        .append(esc(Html.or(c.serverVersion, "?")))
        .append(" · ")
        .append(esc(Html.or(c.distribution, "?")));
    if (c.distributionEvidence != null) {
      b.append(" <span class=\"muted\">(").append(esc(c.distributionEvidence)).append(")</span>");
    }
    b.append("</p>");
    if (!Html.list(c.nodes).isEmpty()) {
      b.append("<table class=\"grid\"><tbody>");
      for (NodeSummary n : c.nodes) {
        b.append("<tr><td>")
            .append(esc(n.name))
            .append("</td><td>Ready=")
            .append(esc(n.ready))
            .append("</td><td>")
            .append(esc(n.kubeletVersion))
            .append("</td><td>")
            .append(esc(n.containerRuntime))
            .append("</td><td>")
            .append(esc(n.capacity))
            .append("</td></tr>");
      }
      b.append("</tbody></table>");
    }
    if (!Html.list(c.controlPlanePods).isEmpty() || !Html.list(c.leaderLeases).isEmpty()) {
      b.append("<p class=\"muted\">kube-system: ")
          .append(esc(String.join(", ", c.controlPlanePods)));
      if (!Html.list(c.leaderLeases).isEmpty()) {
        b.append(" · leases: ").append(esc(String.join(", ", c.leaderLeases)));
      }
      b.append("</p>");
    }
  }

  private void conditions(List<Condition> conditions) {
    if (conditions == null || conditions.isEmpty()) {
      return;
    }
    b.append("<h3>").append(Label.CONDITIONS.in(ko)).append("</h3><table class=\"grid\"><tbody>");
    for (Condition c : conditions) {
      b.append("<tr><td>")
          .append(esc(c.getType()))
          .append("</td><td>")
          .append(esc(c.getStatus()))
          .append("</td><td>")
          .append(esc(c.getReason()))
          .append("</td><td>")
          .append(esc(c.getMessage()))
          .append("</td></tr>");
    }
    b.append("</tbody></table>");
  }

  private void stop(int index, StopStatus stop) {
    b.append("<section><h2 id=\"stop-")
        .append(index + 1)
        .append("\">")
        .append(index + 1)
        .append(". ")
        .append(esc(stop.name))
        .append(" <span class=\"muted\">")
        .append(esc(stop.type))
        .append("</span> ")
        .append(Page.stateBadge(stop.state))
        .append("</h2><p class=\"muted\">");
    if (stop.startedAt != null) {
      b.append(Label.STARTED.in(ko)).append(' ').append(esc(stop.startedAt));
    }
    if (stop.finishedAt != null) {
      b.append(" · ").append(Label.FINISHED.in(ko)).append(' ').append(esc(stop.finishedAt));
      Instant from = Html.parse(stop.startedAt);
      Instant to = Html.parse(stop.finishedAt);
      if (from != null && to != null) {
        b.append(" (").append(Duration.between(from, to).toMillis()).append(" ms)");
      }
    }
    if (stop.droppedEntries != null && stop.droppedEntries > 0) {
      b.append(" · ").append(stop.droppedEntries).append(' ').append(Label.DROPPED.in(ko));
    }
    if (stop.repeatedEvents != null && stop.repeatedEvents > 0) {
      b.append(" · ").append(stop.repeatedEvents).append(' ').append(Label.REPEATED.in(ko));
    }
    b.append("</p>");
    if (stop.reason != null || stop.message != null) {
      b.append("<p><b>")
          .append(esc(stop.reason))
          .append("</b> ")
          .append(esc(stop.message))
          .append("</p>");
    }
    diagrams(index, stop);
    b.append("<details open class=\"tables\"><summary>")
        .append(Label.TABLES.in(ko))
        .append("</summary><div class=\"pair\"><div><h3>")
        .append(Label.DOCUMENTED.in(ko))
        .append("</h3>");
    flow(index, stop);
    b.append("</div><div><h3>").append(Label.OBSERVED.in(ko)).append("</h3>");
    timeline(index, stop);
    b.append("</div></div></details>");
    placements(stop);
    latencies(stop.latencies);
    activity(stop);
    b.append("</section>");
  }

  /** The documented and the observed flow side by side, an evidence panel and a legend. */
  private void diagrams(int index, StopStatus stop) {
    String prefix = "s" + (index + 1) + "-";
    Language language = ko ? Language.ko : Language.en;
    SequenceDiagram documented = DocumentedDiagram.of(stop, FlowCatalog.shipped(), language);
    SequenceDiagram observed = ObservedDiagram.of(stop);
    b.append("<p class=\"muted\">").append(Label.DIAGRAM_HINT.in(ko)).append("</p>");
    b.append("<div class=\"pair sdpair\" data-panel=\"").append(prefix).append("panel\">");
    figure(Label.DIAGRAM_DOCUMENTED, documented, prefix, false, stop.name);
    figure(Label.DIAGRAM_OBSERVED, observed, prefix, true, stop.name);
    b.append("</div>");
    pods(prefix, observed.pods());
    b.append("<div class=\"panel\" id=\"")
        .append(prefix)
        .append("panel\" role=\"region\" aria-live=\"polite\" hidden>")
        .append("<button class=\"pclose\" type=\"button\" aria-label=\"")
        .append(Label.CLOSE.in(ko))
        .append("\">×</button><p class=\"ptext\"></p>")
        .append("<p><a class=\"prow\" href=\"#\">")
        .append(Label.SHOW_ROW.in(ko))
        .append("</a> <a class=\"pev\" href=\"#\" hidden>")
        .append(Label.WHAT_HAPPENED.in(ko))
        .append("</a></p></div>");
    legend();
  }

  private void figure(Label label, SequenceDiagram d, String prefix, boolean timed, String stop) {
    String title = label.in(ko) + " · " + stop;
    b.append("<figure><figcaption><h3>").append(esc(label.in(ko))).append("</h3></figcaption>");
    if (d.arrows().isEmpty()) {
      b.append("<p class=\"muted\">")
          .append((timed ? Label.NO_TIMELINE : Label.NO_FLOW).in(ko))
          .append("</p>");
    } else {
      b.append("<div class=\"sdwrap\">")
          .append(SequenceSvg.render(d, prefix, timed, title))
          .append("</div>");
    }
    b.append("</figure>");
  }

  /** With several pods: their colours, and a choice to follow one pod's messages. */
  private void pods(String prefix, List<String> pods) {
    if (pods.size() < 2) {
      return;
    }
    b.append("<p class=\"pods\"><label>")
        .append(Label.POD.in(ko))
        .append(" <select class=\"podfilter\" data-stop=\"")
        .append(prefix)
        .append("\"><option value=\"\">")
        .append(Label.ALL_PODS.in(ko))
        .append("</option>");
    for (String pod : pods) {
      b.append("<option>").append(esc(pod)).append("</option>");
    }
    b.append("</select></label>");
    for (int i = 0; i < pods.size(); i++) {
      b.append(" <span class=\"chip\"><span class=\"sw\" style=\"background:")
          .append(SequenceSvg.POD_COLOURS[i % SequenceSvg.POD_COLOURS.length])
          .append("\"></span>")
          .append(esc(pods.get(i)))
          .append("</span>");
    }
    b.append("</p>");
  }

  private void legend() {
    b.append("<p class=\"legend muted\">");
    legendItem("direct", Label.LEGEND_DIRECT);
    legendItem("watch", Label.LEGEND_WATCH);
    legendItem("event", Label.LEGEND_EVENT);
    legendItem("confirmed", Label.LEGEND_CONFIRMED);
    legendItem("myth", Label.LEGEND_MYTH);
    legendItem("unseen", Label.LEGEND_UNSEEN);
    legendItem("open", Label.LEGEND_OPEN);
    b.append("</p>");
  }

  private void legendItem(String style, Label label) {
    b.append("<span class=\"li\"><svg width=\"30\" height=\"8\" aria-hidden=\"true\">")
        .append("<line class=\"a-")
        .append(style)
        .append("\" x1=\"1\" y1=\"4\" x2=\"29\" y2=\"4\"/></svg>")
        .append(label.in(ko))
        .append("</span>");
  }

  private void flow(int stopIndex, StopStatus stop) {
    List<FlowStepResult> flow = Html.list(stop.flow);
    if (flow.isEmpty()) {
      b.append("<p class=\"muted\">").append(Label.NO_FLOW.in(ko)).append("</p>");
      return;
    }
    header(Label.STEP.in(ko), Label.CLAIM.in(ko));
    int n = 0;
    for (FlowStepResult f : flow) {
      n++;
      b.append("<tr id=\"s")
          .append(stopIndex + 1)
          .append("-step-")
          .append(esc(f.step))
          .append("\"><td class=\"n\">")
          .append(n);
      if (f.claim != null) {
        b.append(' ').append(esc(f.claim));
      }
      b.append("</td><td><b>")
          .append(esc(f.component))
          .append("</b> <span class=\"muted\">")
          .append(esc(f.step))
          .append("</span><br>")
          .append(esc(f.claimText))
          .append("<br>")
          .append(Page.verdictBadge(f.verdict, ko))
          .append(" <span class=\"ev\">")
          .append(esc(f.evidence));
      if (f.offsetMs != null) {
        b.append(" · +").append(f.offsetMs).append(" ms");
      }
      if (f.evidenceSeq != null) {
        // the link names the row as the timeline numbers it: its causal position
        b.append(" · <a href=\"#")
            .append(anchor(stopIndex, f.evidenceSeq))
            .append("\">#")
            .append(positionOf(stop, f.evidenceSeq))
            .append("</a>");
      }
      b.append("</span></td></tr>");
    }
    b.append("</tbody></table>");
  }

  private void header(String first, String last) {
    b.append("<table class=\"seq\"><thead><tr><th class=\"n\">")
        .append(first)
        .append("</th><th>")
        .append(last)
        .append("</th></tr></thead><tbody>");
  }

  /** The causal position of the entry with this seq (the seq itself if it was dropped). */
  private static long positionOf(StopStatus stop, long seq) {
    return Html.list(stop.timeline).stream()
        .filter(e -> e.seq != null && e.seq == seq && e.order != null)
        .map(e -> (long) e.order)
        .findFirst()
        .orElse(seq);
  }

  /** The entry's own time and its receive bound, for the tooltip of its place. */
  private static String clocks(TimelineEntry e) {
    String own = e.time == null ? "" : e.time + " (" + e.precision + ") · ";
    return own + "received " + Html.or(e.receivedAt, "?");
  }

  private void timeline(int stopIndex, StopStatus stop) {
    if (Html.list(stop.timeline).isEmpty()) {
      b.append("<p class=\"muted\">").append(Label.NO_TIMELINE.in(ko)).append("</p>");
      return;
    }
    Map<Long, List<String>> usedBy = new LinkedHashMap<>();
    for (FlowStepResult f : Html.list(stop.flow)) {
      if (f.evidenceSeq != null) {
        usedBy.computeIfAbsent(f.evidenceSeq, k -> new ArrayList<>()).add(f.step);
      }
    }
    header(Label.OFFSET.in(ko), Label.WHAT.in(ko));
    for (TimelineEntry e : Html.list(stop.timeline)) {
      b.append("<tr");
      if (e.seq != null) {
        b.append(" id=\"").append(anchor(stopIndex, e.seq)).append('"');
      }
      b.append("><td class=\"n\" title=\"")
          .append(esc(clocks(e)))
          .append("\">")
          .append(
              Boolean.TRUE.equals(e.concurrent)
                  ? "<span title=\"" + esc(Label.CONCURRENT.in(ko)) + "\">∥</span>"
                  : "")
          .append('#')
          .append(e.order == null ? e.seq : e.order)
          .append("<br>")
          .append(e.offsetMs == null ? "?" : Label.BY.in(ko) + " +" + e.offsetMs + " ms")
          .append(e.revision == null ? "" : "<br>rev " + e.revision)
          .append("</td><td><b>")
          .append(esc(e.reason))
          .append("</b> ")
          .append(esc(e.component))
          .append(" · ")
          .append(esc(e.object));
      if (e.count != null && e.count > 1) {
        b.append(" ×").append(e.count);
      }
      if (e.time != null) {
        b.append(" <span class=\"muted\">")
            .append(esc(e.time))
            .append(" (")
            .append(Label.PRECISION.in(ko))
            .append(' ')
            .append(esc(e.precision))
            .append(")</span>");
      }
      if (e.message != null) {
        b.append("<br><span class=\"ev\">").append(esc(e.message)).append("</span>");
      }
      List<String> steps = e.seq == null ? null : usedBy.get(e.seq);
      if (steps != null) {
        b.append("<br><span class=\"ev\">")
            .append(Label.EVIDENCE_FOR.in(ko))
            .append(": ")
            .append(esc(String.join(", ", steps)))
            .append("</span>");
      }
      b.append("</td></tr>");
    }
    b.append("</tbody></table>");
  }

  /** Which node each pod went to, and who chose it (nothing for stops without pods). */
  private void placements(StopStatus stop) {
    List<Placement> placements = Placement.of(stop.timeline);
    if (placements.isEmpty()) {
      return;
    }
    b.append("<p class=\"placements\"><b>").append(Label.PLACEMENTS.in(ko)).append("</b>");
    for (Placement p : placements) {
      b.append("<br>")
          .append(esc(p.pod()))
          .append(" → <b>")
          .append(esc(p.node() == null ? "?" : p.node()))
          .append("</b> <span class=\"muted\">")
          .append(esc(p.why()))
          .append("</span>");
    }
    b.append("</p>");
  }

  private void latencies(Latencies l) {
    if (l == null) {
      return;
    }
    b.append("<p><b>").append(Label.LATENCIES.in(ko)).append("</b>");
    if (l.pods != null) {
      b.append(" · ").append(l.pods).append(' ').append(Label.PODS.in(ko));
    }
    b.append(" <span class=\"muted\">").append(Label.LATENCY_NOTE.in(ko)).append("</span>");
    pod(Label.FIRST_POD, l.first);
    pod(Label.SLOWEST_POD, l.slowest);
    b.append("</p>");
  }

  private void pod(Label which, PodLatencies p) {
    if (p == null) {
      return;
    }
    b.append("<br>").append(which.in(ko)).append(" <b>").append(esc(p.pod)).append("</b>");
    phase(Label.CREATE_TO_SCHEDULED, p.createToScheduled);
    phase(Label.SCHEDULED_TO_RUNNING, p.scheduledToRunning);
    phase(Label.CREATE_TO_READY, p.createToReady);
  }

  /** Value, precision and both sources in full; the watch figure after it, labelled. */
  private void phase(Label label, LatencyPhase p) {
    if (p == null) {
      return;
    }
    b.append(" · ").append(label.in(ko)).append(' ');
    if (p.ms != null) {
      b.append("<b>")
          .append(amount(p.ms, p.precision))
          .append("</b> <span class=\"muted\">(")
          .append(esc(p.from))
          .append(" → ")
          .append(esc(p.to))
          .append(", ")
          .append(Label.PRECISION.in(ko))
          .append(' ')
          .append(esc(p.precision))
          .append(")</span>");
    }
    if (p.watchMs != null) {
      b.append(" <span class=\"muted\">")
          .append(Label.WATCH.in(ko))
          .append(' ')
          .append(p.watchMs)
          .append(" ms</span>");
    }
  }

  private void activity(StopStatus stop) {
    ActivitySpan a = stop.activity;
    if (a == null || a.ms == null) {
      return;
    }
    b.append("<p><b>")
        .append(Label.ACTIVITY.in(ko))
        .append("</b> ")
        .append(amount(a.ms, a.precision))
        .append(" <span class=\"muted\">(")
        .append(Label.PRECISION.in(ko))
        .append(' ')
        .append(esc(a.precision))
        .append(", ")
        .append(esc(ActivityRows.of(stop, a.firstSeq, a.lastSeq)))
        .append(")</span>");
    if (a.watchMs != null) {
      b.append(" · ").append(Label.WATCH.in(ko)).append(' ').append(a.watchMs).append(" ms");
    }
    Instant from = Html.parse(stop.startedAt);
    Instant to = Html.parse(stop.finishedAt);
    if (from != null && to != null) {
      b.append(" · ")
          .append(Label.WALL.in(ko))
          .append(' ')
          .append(Duration.between(from, to).toMillis())
          .append(" ms <span class=\"muted\">(")
          .append(Label.WALL_NOTE.in(ko))
          .append(")</span>");
    }
    b.append("</p>");
  }

  /** Second-precision figures are whole seconds, shown as such with their ±1 s. */
  private static String amount(long ms, String precision) {
    return "s".equals(precision) ? (ms / 1000) + " s ±1 s" : ms + " ms";
  }

  private static String anchor(int stopIndex, long seq) {
    return "s" + (stopIndex + 1) + "-e" + seq;
  }
}
