package io.clustertour.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadComparisonTest {
  @Test
  void aBusyMedianMoreThanTenPercentAboveTheQuietOneIsMissedByTheExcess() {
    LoadComparison.Figure rss =
        LoadComparison.figure(
            "RSS", "MiB", List.of(200.0, 180.0, 190.0), List.of(230.0, 220.0, 240.0), false);
    assertThat(rss.ratio()).isEqualTo(230.0 / 190.0);
    assertThat(rss.met()).isFalse();
    // allowed 190 * 1.1 = 209
    assertThat(rss.missedBy()).isEqualTo("21 MiB");
    assertThat(LoadComparison.figure("RSS", "MiB", List.of(200.0), List.of(219.0), false).met())
        .isTrue();
  }

  @Test
  void lagsWithinTheFloorOfTenMillisecondsCountAsMet() {
    assertThat(LoadComparison.figure("lag", "ms", List.of(2.0), List.of(11.0), true).met())
        .isTrue();
    assertThat(LoadComparison.figure("lag", "ms", List.of(2.0), List.of(13.0), true).missedBy())
        .isEqualTo("1 ms");
    // above the floor the 10% rule applies
    assertThat(LoadComparison.figure("lag", "ms", List.of(1000.0), List.of(1150.0), true).met())
        .isFalse();
  }

  @Test
  void aFigureMissingOnEitherSideIsNotMeasuredNotMet() {
    LoadComparison.Figure f = LoadComparison.figure("x", "ms", List.of(), List.of(1.0), true);
    assertThat(f.met()).isFalse();
    assertThat(f.missedBy()).isEqualTo("not measured");
  }
}
