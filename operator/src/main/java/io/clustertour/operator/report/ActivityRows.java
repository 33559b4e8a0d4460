package io.clustertour.operator.report;

import io.clustertour.operator.api.StopStatus;

/**
 * A stop's cluster-activity ends named as the timeline's row numbers, for the report and the page.
 */
public final class ActivityRows {
  private ActivityRows() {}

  /**
   * "#first → #last": receive order (seq) is not the order things happened, so "seq 3 → 2" read as
   * running backwards where it ran from row #1 to row #4; seq numbers only when a row is missing.
   */
  public static String of(StopStatus stop, Long firstSeq, Long lastSeq) {
    Integer first = row(stop, firstSeq);
    Integer last = row(stop, lastSeq);
    if (first == null || last == null) {
      return "seq " + firstSeq + " → " + lastSeq;
    }
    return "#" + first + " → #" + last;
  }

  private static Integer row(StopStatus stop, Long seq) {
    if (stop.timeline == null || seq == null) {
      return null;
    }
    return stop.timeline.stream()
        .filter(e -> seq.equals(e.seq) && e.order != null)
        .map(e -> e.order)
        .findFirst()
        .orElse(null);
  }
}
