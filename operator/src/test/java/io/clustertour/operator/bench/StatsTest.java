package io.clustertour.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void nearestRankPercentiles() {
    Stats s = Stats.of(List.of(5, 1, 4, 2, 3, 6, 7, 8, 9, 100));
    assertThat(s.count()).isEqualTo(10);
    assertThat(s.min()).isEqualTo(1.0);
    assertThat(s.p50()).isEqualTo(5.0);
    assertThat(s.p95()).isEqualTo(100.0);
    assertThat(s.max()).isEqualTo(100.0);
    assertThat(s.mean()).isEqualTo(14.5);
  }

  @Test
  void emptyHasNoFigures() {
    Stats s = Stats.of(List.of());
    assertThat(s.count()).isZero();
    assertThat(s.p95()).isNull();
  }
}
