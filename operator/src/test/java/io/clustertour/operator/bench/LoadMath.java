package io.clustertour.operator.bench;

/** Small pure computations of the receivers' and the API server's load figures. */
final class LoadMath {
  private LoadMath() {}

  /** Items per second over {@code nanos}; 0 for an empty interval. */
  static double perSecond(long items, long nanos) {
    return nanos <= 0 ? 0 : items * 1e9 / nanos;
  }

  /** Bytes retained per 100 000 items, in KiB; null when no items were sent. */
  static Double kibPer100k(long bytes, long items) {
    return items <= 0 ? null : bytes / 1024.0 * 100_000 / items;
  }

  /**
   * Whether load item {@code index} belongs to the tour: every {@code period}-th one (period 20
   * gives 5%), spread evenly so each batch carries its share.
   */
  static boolean forTour(long index, int period) {
    return index % period == 0;
  }

  /** How many of the items {@code from} .. {@code from + count - 1} are the tour's. */
  static long tourItems(long from, long count, int period) {
    return java.util.stream.LongStream.range(from, from + count)
        .filter(i -> forTour(i, period))
        .count();
  }

  /** {@code on / off}, null when either is missing or off is 0. */
  static Double ratio(Double on, Double off) {
    return on == null || off == null || off == 0 ? null : on / off;
  }

  /** Share of {@code part} in {@code whole} in percent, 0 when whole is 0. */
  static double percent(long part, long whole) {
    return whole == 0 ? 0 : 100.0 * part / whole;
  }

  /**
   * The {@code q} quantile of a histogram's observations from its cumulative bucket counts (upper
   * bound → count at or below it, +Inf included), interpolated linearly inside the bucket as
   * Prometheus' {@code histogram_quantile} does; null without observations. In the buckets' unit.
   */
  static Double histogramQuantile(java.util.SortedMap<Double, Double> cumulative, double q) {
    if (cumulative.isEmpty()) {
      return null;
    }
    double total = cumulative.get(cumulative.lastKey());
    if (total <= 0) {
      return null;
    }
    double rank = q * total;
    double lowerBound = 0;
    double lowerCount = 0;
    for (java.util.Map.Entry<Double, Double> b : cumulative.entrySet()) {
      if (b.getValue() >= rank) {
        if (b.getKey().isInfinite()) {
          return lowerBound; // beyond the last finite bucket: its bound is all that is known
        }
        double inBucket = b.getValue() - lowerCount;
        return inBucket <= 0
            ? b.getKey()
            : lowerBound + (b.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
      }
      lowerBound = b.getKey();
      lowerCount = b.getValue();
    }
    return lowerBound;
  }
}
