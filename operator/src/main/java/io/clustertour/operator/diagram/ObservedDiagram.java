package io.clustertour.operator.diagram;

import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.api.TimelineEntry;
import io.clustertour.operator.diagram.Arrow.Style;
import io.clustertour.operator.observe.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The observed flow of one stop as a sequence diagram: every timeline entry becomes the message it
 * records (a component's request to the API server, the API server's etcd write, the kubelet's CRI
 * call), drawn by the evidence it rests on.
 */
public final class ObservedDiagram {
  private static final Pattern NODE_OF_ROW =
      Pattern.compile("kubelet (?:of|on) node (\\S+?)[:\\s]");
  private static final Pattern ASSIGNED = Pattern.compile("assigned \\S+/(\\S+) to (\\S+)$");
  private static final Pattern ETCD_KEY = Pattern.compile("wrote key (\\S+)");
  private static final Pattern DURATION = Pattern.compile("\\((\\d+(?:\\.\\d+)? ms)");

  private final SequenceDiagram.Builder diagram = new SequenceDiagram.Builder();
  private final Instant start;
  private final Map<String, String> nodeOfPod;
  private final String onlyNode;

  private ObservedDiagram(StopStatus stop) {
    this.start = Times.parse(stop.startedAt);
    this.nodeOfPod = nodesOfPods(list(stop.timeline));
    TreeSet<String> nodes = new TreeSet<>(nodeOfPod.values());
    this.onlyNode = nodes.size() == 1 ? nodes.first() : null;
  }

  /** The stop's timeline as messages between the components, in causal order. */
  public static SequenceDiagram of(StopStatus stop) {
    ObservedDiagram d = new ObservedDiagram(stop);
    for (TimelineEntry e : list(stop.timeline)) {
      d.add(e);
    }
    return d.diagram.build();
  }

  private void add(TimelineEntry e) {
    String actor = actor(e);
    String source = e.source == null ? "" : e.source;
    List<String> via = list(e.via);
    String apiserver = diagram.lifeline("kube-apiserver", Lane.APISERVER, "kube-apiserver");
    boolean kubeletCall = "trace".equals(source) && Lane.of(e.component) == Lane.KUBELET;
    if (kubeletCall) {
      String node = node(e);
      String runtime =
          diagram.lifeline(
              node == null ? "runtime" : "runtime:" + node,
              Lane.RUNTIME,
              node == null ? "container runtime" : "container runtime (" + node + ")");
      arrow(e, actor, runtime, label(e.reason, e, true), Style.DIRECT, "");
      return;
    }
    if (actor.equals(apiserver) || "inventory".equals(source)) {
      arrow(e, actor, actor, label(e.reason, e, false), Style.WATCH, "");
      return;
    }
    Style style =
        switch (source) {
          case "audit", "request", "trace" -> Style.DIRECT;
          case "event" -> Style.EVENT;
          default -> via.contains("audit") ? Style.DIRECT : Style.WATCH;
        };
    String label = style == Style.EVENT ? "Event " + e.reason : label(e.reason, e, false);
    arrow(e, actor, apiserver, label, style, "");
    if (via.contains("trace") || ("trace".equals(source) && !kubeletCall)) {
      String etcd = diagram.lifeline("etcd", Lane.ETCD, "etcd");
      Matcher key = ETCD_KEY.matcher(String.valueOf(e.message));
      arrow(
          e,
          apiserver,
          etcd,
          // a key the status shortened is named by its object instead
          key.find() && !key.group(1).endsWith("…") ? "Txn " + key.group(1) : "Txn " + e.object,
          Style.DIRECT,
          " (the API server's etcd write of it)");
    }
  }

  private void arrow(
      TimelineEntry e, String from, String to, String label, Style style, String of) {
    Double at = null;
    String when = null;
    Instant own = "us".equals(e.precision) || "ms".equals(e.precision) ? Times.parse(e.time) : null;
    String ownAt = null;
    if (own != null && start != null) {
      double ms = Duration.between(start, own).toNanos() / 1e6;
      at = ms;
      ownAt =
          "us".equals(e.precision)
              ? String.format(Locale.ROOT, "%+.3f ms", ms)
              : String.format(Locale.ROOT, "%+d ms", Math.round(ms));
      when = ownAt;
    }
    if (e.offsetMs != null) {
      // the column is the timeline's monotonic bound (its BY_MS), so it never runs backwards; a
      // row's own clock, on which rows of other clocks cannot be placed, goes with its label
      at = e.offsetMs.doubleValue();
      when = "by +" + e.offsetMs + " ms";
      if (ownAt != null && of.isEmpty()) {
        label = label + " · at " + ownAt + " (" + clockOf(e) + ")";
      }
    }
    diagram.add(
        new Arrow(
            from,
            to,
            label,
            style,
            when,
            at,
            e.seq == null ? null : "e" + e.seq,
            null,
            pod(e),
            detail(e) + of));
  }

  /** Whose clock a row's own time is on: the API server's for an audited request, else its own. */
  private static String clockOf(TimelineEntry e) {
    String source = e.source == null ? "" : e.source;
    if (source.equals("request")) {
      return "operator's clock";
    }
    if (source.equals("audit") || (!source.equals("trace") && e.via != null && !e.via.isEmpty())) {
      // a write with its audited request or traced etcd write merged in carries the API server's
      // time
      return "API server's clock";
    }
    return (e.component == null ? "its" : e.component + "'s") + " clock";
  }

  /** Who sent it: the client, the API server itself, a controller, the scheduler or a kubelet. */
  private String actor(TimelineEntry e) {
    String c = e.component == null || e.component.isBlank() ? "unknown" : e.component;
    Lane lane = Lane.of(c);
    return switch (lane) {
      case CLIENT -> diagram.lifeline("client", lane, c);
      case APISERVER -> diagram.lifeline("kube-apiserver", lane, "kube-apiserver");
      case ETCD -> diagram.lifeline("etcd", lane, "etcd");
      case KUBELET -> {
        String node = node(e);
        yield diagram.lifeline(
            node == null ? "kubelet" : "kubelet:" + node,
            lane,
            node == null ? "kubelet" : "kubelet (" + node + ")");
      }
      default -> diagram.lifeline(lane.name().toLowerCase(Locale.ROOT) + ":" + c, lane, c);
    };
  }

  /** The node of a kubelet row: named in the row, else where its pod was bound. */
  private String node(TimelineEntry e) {
    Matcher m = NODE_OF_ROW.matcher(String.valueOf(e.message) + " ");
    if (m.find()) {
      return m.group(1);
    }
    String pod = pod(e);
    String node = pod == null ? null : nodeOfPod.get(pod);
    return node != null ? node : onlyNode;
  }

  private static Map<String, String> nodesOfPods(List<TimelineEntry> timeline) {
    Map<String, String> nodes = new HashMap<>();
    for (TimelineEntry e : timeline) {
      String pod = pod(e);
      String message = String.valueOf(e.message);
      Matcher row = NODE_OF_ROW.matcher(message + " ");
      Matcher assigned = ASSIGNED.matcher(message);
      if (pod != null && row.find()) {
        nodes.putIfAbsent(pod, row.group(1));
      } else if (assigned.find()) {
        nodes.putIfAbsent(assigned.group(1), assigned.group(2));
      }
    }
    return nodes;
  }

  private static String pod(TimelineEntry e) {
    return e.object != null && e.object.startsWith("Pod/") ? e.object.substring(4) : null;
  }

  /** The reason with the tail of the object's name, and a CRI call with its duration. */
  private static String label(String reason, TimelineEntry e, boolean withDuration) {
    String r = reason == null ? "?" : reason;
    if (withDuration) {
      Matcher d = DURATION.matcher(String.valueOf(e.message));
      String failed = String.valueOf(e.message).contains(", failed)") ? " (failed)" : "";
      return (d.find() ? r + " " + d.group(1) : r) + failed;
    }
    String pod = pod(e);
    if (pod != null && pod.lastIndexOf('-') > 0) {
      // the part of the name that tells a ReplicaSet's pods apart
      return r + " -" + pod.substring(pod.lastIndexOf('-') + 1);
    }
    return r;
  }

  private static String detail(TimelineEntry e) {
    StringBuilder s = new StringBuilder();
    s.append('#').append(e.order == null ? e.seq : e.order).append(' ');
    s.append(e.reason).append(" · ").append(e.component).append(" · ").append(e.object);
    if (e.time != null) {
      s.append(" · ").append(e.time).append(" (precision ").append(e.precision).append(')');
    }
    s.append(" · seen by ").append(e.source);
    if (e.via != null && !e.via.isEmpty()) {
      s.append(" + ").append(String.join(" + ", e.via));
    }
    if (e.message != null) {
      s.append(": ").append(e.message);
    }
    return s.toString();
  }

  private static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : l;
  }
}
