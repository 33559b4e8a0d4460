package io.clustertour.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryGrowthTest {
  private static HistoryGrowth.Point point(int tours, double heap) {
    return new HistoryGrowth.Point(tours, heap, 200, 5, 1, 15, 4);
  }

  @Test
  void growthPer100FinishedToursIsTheLeastSquaresSlope() {
    // 0.05 MiB per finished tour, with noise around the line
    List<HistoryGrowth.Point> points =
        List.of(point(0, 40), point(50, 42.6), point(100, 44.9), point(200, 50));
    assertThat(HistoryGrowth.per100(points, HistoryGrowth.Point::heapAfterGcMiB)).isEqualTo(5.0);
    assertThat(HistoryGrowth.per100(points, HistoryGrowth.Point::probeRequests)).isEqualTo(0.0);
    assertThat(HistoryGrowth.per100(List.of(point(0, 40)), HistoryGrowth.Point::rssMiB)).isNull();
  }

  @Test
  void checkpointsAreZeroAQuarterAHalfAndTheTarget() {
    assertThat(HistoryGrowth.checkpoints(200)).containsExactly(0, 50, 100, 200);
    assertThat(HistoryGrowth.checkpoints(2)).containsExactly(0, 1, 2);
  }
}
