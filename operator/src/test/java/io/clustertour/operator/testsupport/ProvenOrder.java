package io.clustertour.operator.testsupport;

import io.clustertour.operator.api.TimelineEntry;
import io.clustertour.operator.observe.CausalOrder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Whether a timeline proves one entry was written before another, directly or through others. */
public final class ProvenOrder {
  private ProvenOrder() {}

  /** True when a chain of proven "written before" steps within {@code timeline} leads a to b. */
  public static boolean writtenBefore(
      List<TimelineEntry> timeline, TimelineEntry a, TimelineEntry b) {
    Set<TimelineEntry> reached = new HashSet<>();
    Deque<TimelineEntry> todo = new ArrayDeque<>(List.of(a));
    while (!todo.isEmpty()) {
      TimelineEntry from = todo.pop();
      for (TimelineEntry to : timeline) {
        if (to != from && !reached.contains(to) && CausalOrder.writtenBefore(from, to)) {
          if (to == b) {
            return true;
          }
          reached.add(to);
          todo.push(to);
        }
      }
    }
    return false;
  }
}
