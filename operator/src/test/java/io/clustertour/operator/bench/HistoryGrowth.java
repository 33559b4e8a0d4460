package io.clustertour.operator.bench;

import java.util.List;

/**
 * Growth with history: the operator's memory and the cost of one new tour against the number of
 * finished tours kept in the cluster. The slopes are least-squares fits over the checkpoints. Pure
 * except for the records the bench fills.
 */
final class HistoryGrowth {
  private HistoryGrowth() {}

  /** The operator at one count of finished tours, and what one new tour cost it there. */
  record Point(
      int finishedTours,
      double heapAfterGcMiB,
      double rssMiB,
      double probeCompletedSeconds,
      double probeCpuSeconds,
      long probeRequests,
      long probeStatusPatches) {}

  /** The whole phase. */
  record Result(
      int target,
      List<Point> points,
      Double heapMiBPer100Tours,
      Double rssMiBPer100Tours,
      Double probeCpuSecondsPer100Tours,
      Double probeRequestsPer100Tours,
      long restartToReadyMs,
      double restartHeapAfterGcMiB,
      double restartCpuSecondsToReady,
      double fillSeconds) {}

  /** Least-squares slope of y over x, times 100: the change per 100 finished tours. */
  static Double per100(List<Point> points, java.util.function.ToDoubleFunction<Point> y) {
    if (points.size() < 2) {
      return null;
    }
    double n = points.size();
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (Point p : points) {
      double x = p.finishedTours();
      double v = y.applyAsDouble(p);
      sx += x;
      sy += v;
      sxx += x * x;
      sxy += x * v;
    }
    double d = n * sxx - sx * sx;
    if (d == 0) {
      return null;
    }
    return BenchRun.round(100 * (n * sxy - sx * sy) / d);
  }

  /** The checkpoints for a target count: 0, a quarter, a half and the whole (distinct). */
  static List<Integer> checkpoints(int target) {
    return java.util.stream.Stream.of(0, target / 4, target / 2, target)
        .distinct()
        .sorted()
        .toList();
  }
}
