package io.clustertour.operator.web;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Objects;

/** Counts stops whose stored status still says Running after their timeout; pure. */
public final class OverdueStops {
  private static final int DEFAULT_TIMEOUT_SECONDS = 120;

  private OverdueStops() {}

  /** Running stops of these tours whose start plus timeout lies before {@code now}. */
  public static long count(Collection<ClusterTour> tours, Instant now) {
    long overdue = 0;
    for (ClusterTour tour : tours) {
      if (tour.getStatus() == null || tour.getStatus().stops == null || tour.getSpec() == null) {
        continue;
      }
      for (StopStatus s : tour.getStatus().stops) {
        Instant started = "Running".equals(s.state) ? parse(s.startedAt) : null;
        if (started != null && started.plus(timeout(tour, s.name)).isBefore(now)) {
          overdue++;
        }
      }
    }
    return overdue;
  }

  /**
   * The stop's own timeout, else the tour's, else the CRD's default (as the reconciler reads it).
   */
  static Duration timeout(ClusterTour tour, String stopName) {
    Integer own =
        tour.getSpec().stops == null
            ? null
            : tour.getSpec().stops.stream()
                .filter(st -> Objects.equals(st.name, stopName))
                .map((Stop st) -> st.timeoutSeconds)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    Integer tourDefault = tour.getSpec().timeoutSeconds;
    int seconds = own != null ? own : tourDefault != null ? tourDefault : DEFAULT_TIMEOUT_SECONDS;
    return Duration.ofSeconds(seconds);
  }

  private static Instant parse(String time) {
    try {
      return time == null ? null : Instant.parse(time);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
