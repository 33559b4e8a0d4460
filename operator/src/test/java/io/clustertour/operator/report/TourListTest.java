package io.clustertour.operator.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TourListTest {
  @Test
  void agesReadLikeKubectls() {
    assertThat(TourList.age(Duration.ofSeconds(-5))).isEqualTo("<invalid>");
    assertThat(TourList.age(Duration.ofMillis(-300))).isEqualTo("0s");
    assertThat(TourList.age(Duration.ofSeconds(119))).isEqualTo("119s");
    assertThat(TourList.age(Duration.ofSeconds(125))).isEqualTo("2m5s");
    assertThat(TourList.age(Duration.ofMinutes(4))).isEqualTo("4m");
    assertThat(TourList.age(Duration.ofMinutes(179))).isEqualTo("179m");
    assertThat(TourList.age(Duration.ofMinutes(187))).isEqualTo("3h7m");
    assertThat(TourList.age(Duration.ofHours(30))).isEqualTo("30h");
    assertThat(TourList.age(Duration.ofHours(75))).isEqualTo("3d3h");
    assertThat(TourList.age(Duration.ofDays(40))).isEqualTo("40d");
    assertThat(TourList.age(Duration.ofDays(365 * 3 + 4))).isEqualTo("3y4d");
    assertThat(TourList.age(Duration.ofDays(365 * 9))).isEqualTo("9y");
  }
}
