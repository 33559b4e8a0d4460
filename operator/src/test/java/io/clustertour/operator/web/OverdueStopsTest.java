package io.clustertour.operator.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.ClusterTourSpec;
import io.clustertour.operator.api.ClusterTourStatus;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverdueStopsTest {
  private static final Instant START = Instant.parse("2025-01-01T10:00:00Z");

  @Test
  void aRunningStopCountsOnlyOnceItsOwnTimeoutHasPassed() {
    ClusterTour tour = tour(30, stop("web", 10), status("web", "Running"));

    assertThat(OverdueStops.count(List.of(tour), START.plusSeconds(9))).isZero();
    assertThat(OverdueStops.count(List.of(tour), START.plusSeconds(11))).isEqualTo(1);
  }

  @Test
  void theTourTimeoutAppliesWhenTheStopHasNone() {
    ClusterTour tour = tour(30, stop("web", null), status("web", "Running"));

    assertThat(OverdueStops.count(List.of(tour), START.plusSeconds(29))).isZero();
    assertThat(OverdueStops.count(List.of(tour), START.plusSeconds(31))).isEqualTo(1);
  }

  @Test
  void endedStopsAndToursWithoutStatusNeverCount() {
    ClusterTour ended = tour(5, stop("web", null), status("web", "TimedOut"));
    ClusterTour fresh = tour(5, stop("web", null), null);

    assertThat(OverdueStops.count(List.of(ended, fresh), START.plusSeconds(3600))).isZero();
  }

  private static ClusterTour tour(int timeout, Stop stop, StopStatus stopStatus) {
    ClusterTour tour = new ClusterTour();
    tour.setSpec(new ClusterTourSpec());
    tour.getSpec().timeoutSeconds = timeout;
    tour.getSpec().stops = List.of(stop);
    if (stopStatus != null) {
      tour.setStatus(new ClusterTourStatus());
      tour.getStatus().stops = List.of(stopStatus);
    }
    return tour;
  }

  private static Stop stop(String name, Integer timeout) {
    Stop stop = new Stop();
    stop.name = name;
    stop.timeoutSeconds = timeout;
    return stop;
  }

  private static StopStatus status(String name, String state) {
    StopStatus s = new StopStatus();
    s.name = name;
    s.state = state;
    s.startedAt = START.toString();
    return s;
  }
}
