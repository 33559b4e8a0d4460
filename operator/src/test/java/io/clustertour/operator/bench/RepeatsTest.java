package io.clustertour.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepeatsTest {
  @Test
  void medianAndSpreadOverTheRepeatsLeavingOutMissingFigures() {
    Repeats odd = Repeats.of(Arrays.asList(300.0, 100.0, null, 200.0));
    assertThat(odd.n()).isEqualTo(3);
    assertThat(odd.median()).isEqualTo(200.0);
    assertThat(odd.min()).isEqualTo(100.0);
    assertThat(odd.max()).isEqualTo(300.0);
    assertThat(odd.spreadRatio()).isEqualTo(3.0);
    assertThat(Repeats.of(List.of(1.0, 4.0)).median()).isEqualTo(2.5);
    assertThat(Repeats.of(List.of()).median()).isNull();
    assertThat(Repeats.of(List.of(0.0, 4.0)).spreadRatio()).isNull();
  }
}
