package io.clustertour.operator.report;

import io.clustertour.operator.api.TimelineEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which node each pod of a stop went to and who chose it, read back from the stop's timeline: the
 * scheduler's Scheduled Event (its note names the node) and the PodBound step (spec.nodeName, and
 * whether it came through pods/binding or from the pod's creator).
 *
 * @param pod the pod's name
 * @param node the node, from spec.nodeName, else from the Scheduled Event
 * @param why who placed it and how, in one clause
 */
public record Placement(String pod, String node, String why) {
  private static final Pattern ASSIGNED = Pattern.compile("assigned \\S+/\\S+ to (\\S+)");
  private static final Pattern BOUND = Pattern.compile("^spec\\.nodeName set to (\\S+?);\\s*(.*)$");
  private static final String POD = "Pod/";

  /** One placement per pod that the timeline shows bound or scheduled, in timeline order. */
  public static List<Placement> of(List<TimelineEntry> timeline) {
    Map<String, String[]> byPod =
        new LinkedHashMap<>(); // pod -> {scheduledNode, by, precision, boundNode, how}
    for (TimelineEntry e : timeline == null ? List.<TimelineEntry>of() : timeline) {
      if (e.object == null || !e.object.startsWith(POD) || e.message == null) {
        continue;
      }
      String pod = e.object.substring(POD.length());
      if ("Scheduled".equals(e.reason)) {
        Matcher m = ASSIGNED.matcher(e.message);
        if (m.find()) {
          String[] p = byPod.computeIfAbsent(pod, k -> new String[5]);
          p[0] = m.group(1);
          p[1] = e.component;
          p[2] = e.precision;
        }
      } else if ("PodBound".equals(e.reason)) {
        Matcher m = BOUND.matcher(e.message);
        if (m.find()) {
          String[] p = byPod.computeIfAbsent(pod, k -> new String[5]);
          p[3] = m.group(1);
          p[4] = m.group(2);
        }
      }
    }
    List<Placement> out = new ArrayList<>();
    byPod.forEach((pod, p) -> out.add(new Placement(pod, p[3] != null ? p[3] : p[0], why(p))));
    return out;
  }

  private static String why(String[] p) {
    List<String> parts = new ArrayList<>();
    if (p[0] != null) {
      parts.add(
          "Scheduled Event by "
              + (p[1] == null ? "a scheduler" : p[1])
              + (p[2] == null ? "" : " (precision " + p[2] + ")"));
    } else {
      parts.add("no Scheduled Event seen");
    }
    if (p[3] == null) {
      parts.add("spec.nodeName not seen");
    } else if (p[4].contains("pods/binding")) {
      parts.add("spec.nodeName through pods/binding");
    } else {
      // the creator wrote spec.nodeName itself: no scheduler chose
      parts.add("spec.nodeName written at creation: " + p[4]);
    }
    if (p[0] != null && p[3] != null && !p[0].equals(p[3])) {
      parts.add("the Event names " + p[0] + ", spec.nodeName " + p[3]);
    }
    return String.join(" · ", parts);
  }
}
