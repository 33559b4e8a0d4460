package io.clustertour.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LoadMathTest {
  @Test
  void ratesAndRetainedGrowth() {
    assertThat(LoadMath.perSecond(500, 2_000_000_000L)).isEqualTo(250.0);
    assertThat(LoadMath.perSecond(500, 0)).isZero();
    assertThat(LoadMath.kibPer100k(2048, 200_000)).isCloseTo(1.0, within(1e-9));
    assertThat(LoadMath.kibPer100k(-1024, 100_000)).isCloseTo(-1.0, within(1e-9));
    assertThat(LoadMath.kibPer100k(2048, 0)).isNull();
  }

  @Test
  void everyTwentiethItemIsTheToursSoEachBatchOfAHundredHasFive() {
    assertThat(LongStream.range(0, 100).filter(i -> LoadMath.forTour(i, 20)).count()).isEqualTo(5);
    assertThat(LongStream.range(100, 200).filter(i -> LoadMath.forTour(i, 20)).count())
        .isEqualTo(5);
  }

  @Test
  void countsTheToursItemsInARange() {
    assertThat(LoadMath.tourItems(0, 8, 20)).isEqualTo(1);
    assertThat(LoadMath.tourItems(8, 8, 20)).isEqualTo(0);
    assertThat(LoadMath.tourItems(16, 8, 20)).isEqualTo(1);
    assertThat(LoadMath.tourItems(0, 400, 20)).isEqualTo(20);
  }

  @Test
  void ratioAndShare() {
    assertThat(LoadMath.ratio(3.0, 2.0)).isEqualTo(1.5);
    assertThat(LoadMath.ratio(3.0, 0.0)).isNull();
    assertThat(LoadMath.ratio(null, 2.0)).isNull();
    assertThat(LoadMath.percent(5, 100)).isEqualTo(5.0);
    assertThat(LoadMath.percent(5, 0)).isZero();
  }

  @Test
  void histogramQuantilesInterpolateInsideTheBucketLikePrometheus() {
    java.util.SortedMap<Double, Double> h = new java.util.TreeMap<>();
    h.put(0.005, 0.0);
    h.put(0.01, 50.0);
    h.put(0.025, 90.0);
    h.put(0.05, 100.0);
    h.put(Double.POSITIVE_INFINITY, 100.0);
    assertThat(LoadMath.histogramQuantile(h, 0.5)).isCloseTo(0.01, within(1e-12));
    assertThat(LoadMath.histogramQuantile(h, 0.25)).isCloseTo(0.0075, within(1e-12));
    assertThat(LoadMath.histogramQuantile(h, 0.95)).isCloseTo(0.0375, within(1e-12));
    h.put(Double.POSITIVE_INFINITY, 200.0);
    assertThat(LoadMath.histogramQuantile(h, 0.95)).isEqualTo(0.05);
    assertThat(LoadMath.histogramQuantile(new java.util.TreeMap<>(), 0.5)).isNull();
  }
}
