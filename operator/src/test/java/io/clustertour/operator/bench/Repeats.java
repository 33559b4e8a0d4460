package io.clustertour.operator.bench;

import java.util.List;
import java.util.Objects;

/**
 * One figure over the repeats of a run: median and spread (min, max), so a single noisy run on a
 * shared machine is not read as the result. Pure.
 */
record Repeats(int n, Double median, Double min, Double max, List<Double> values) {
  static Repeats of(List<Double> values) {
    List<Double> v = values.stream().filter(Objects::nonNull).toList();
    if (v.isEmpty()) {
      return new Repeats(0, null, null, null, v);
    }
    List<Double> s = v.stream().sorted().toList();
    int k = s.size();
    double median = k % 2 == 1 ? s.get(k / 2) : (s.get(k / 2 - 1) + s.get(k / 2)) / 2;
    return new Repeats(k, median, s.get(0), s.get(k - 1), v);
  }

  /** Largest over smallest: 1.0 when every repeat gave the same figure. */
  Double spreadRatio() {
    if (n == 0 || min == null || min <= 0) {
      return null;
    }
    return max / min;
  }
}
