package io.clustertour.operator.bench;

import java.util.Collection;
import java.util.List;

/** Percentiles of a set of measurements (nearest-rank), in the unit of the input. Pure. */
record Stats(int count, Double min, Double p50, Double p95, Double max, Double mean) {
  static Stats of(Collection<? extends Number> values) {
    List<Double> sorted = values.stream().map(Number::doubleValue).sorted().toList();
    if (sorted.isEmpty()) {
      return new Stats(0, null, null, null, null, null);
    }
    double mean = sorted.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    return new Stats(
        sorted.size(),
        sorted.get(0),
        rank(sorted, 0.50),
        rank(sorted, 0.95),
        sorted.get(sorted.size() - 1),
        mean);
  }

  /** The smallest value with at least {@code p} of all values at or below it. */
  static double rank(List<Double> sorted, double p) {
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
