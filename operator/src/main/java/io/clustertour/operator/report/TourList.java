package io.clustertour.operator.report;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.ClusterTourStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;

/**
 * Tours one per row, with the columns of {@code kubectl get ct}: NAME STATE STOPS VERDICTS AGE, and
 * with wide also CURRENT and EVIDENCE, as kubectl's -o wide adds them.
 */
public final class TourList {
  private TourList() {}

  public static String render(List<ClusterTour> tours, boolean wide, Instant now, int width) {
    TextTable table =
        wide
            ? new TextTable("NAME", "STATE", "STOPS", "VERDICTS", "AGE", "CURRENT", "EVIDENCE")
                .flexible(3, 5)
            : new TextTable("NAME", "STATE", "STOPS", "VERDICTS", "AGE").flexible(3);
    for (ClusterTour tour : sorted(tours)) {
      ClusterTourStatus s = tour.getStatus() == null ? new ClusterTourStatus() : tour.getStatus();
      table.add(
          tour.getMetadata().getName(),
          s.state,
          s.stopsDone,
          s.verdictSummary,
          age(tour.getMetadata().getCreationTimestamp(), now),
          s.currentStop,
          s.evidenceLevel);
    }
    return String.join("\n", table.render("", Math.max(TourReport.MIN_WIDTH, width))) + "\n";
  }

  private static List<ClusterTour> sorted(List<ClusterTour> tours) {
    return tours.stream()
        .sorted(Comparator.comparing((ClusterTour t) -> t.getMetadata().getName()))
        .toList();
  }

  private static String age(String created, Instant now) {
    try {
      return created == null
          ? null
          : age(Duration.between(OffsetDateTime.parse(created).toInstant(), now));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The age as kubectl prints it: two units while they say something, then one. */
  static String age(Duration d) {
    long s = d.toSeconds();
    if (s < -1) {
      return "<invalid>";
    }
    s = Math.max(0, s);
    long m = s / 60;
    long h = s / 3600;
    long days = h / 24;
    long years = days / 365;
    if (s < 120) {
      return s + "s";
    } else if (m < 10) {
      return two(m, "m", s % 60, "s");
    } else if (h < 3) {
      return m + "m";
    } else if (h < 8) {
      return two(h, "h", m % 60, "m");
    } else if (h < 48) {
      return h + "h";
    } else if (h < 24 * 8) {
      return two(days, "d", h % 24, "h");
    } else if (days < 365 * 2) {
      return days + "d";
    } else if (years < 8) {
      return two(years, "y", days % 365, "d");
    }
    return years + "y";
  }

  private static String two(long big, String bigUnit, long small, String smallUnit) {
    return big + bigUnit + (small == 0 ? "" : small + smallUnit);
  }
}
