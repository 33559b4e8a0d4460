package io.clustertour.operator.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The busy-cluster comparison: each operator figure's median over the quiet repeats against its
 * median over the busy ones, and whether the busy figure stays within 10% of the quiet one. Pure.
 */
final class LoadComparison {
  static final double ALLOWED = 1.10;

  /**
   * Lags below this many ms apart are within the resolution of two JVMs' receive stamps on this
   * machine, so for the lag figures a busy median at most this far above the quiet one also counts
   * as met (stated on the page).
   */
  static final double LAG_FLOOR_MS = 10;

  private LoadComparison() {}

  /** One figure with the load off and on. */
  record Figure(
      String name,
      String unit,
      Repeats quiet,
      Repeats busy,
      Double ratio,
      boolean met,
      String missedBy) {}

  static List<Figure> compare(List<Bench.Run> quiet, List<Bench.Run> busy) {
    List<Figure> f = new ArrayList<>();
    f.add(figure("RSS idle", "MiB", quiet, busy, r -> r.footprint().idleRssMiB(), false));
    f.add(
        figure(
            "RSS peak during tours", "MiB", quiet, busy, r -> r.footprint().peakRssMiB(), false));
    f.add(
        figure(
            "heap after GC, idle",
            "MiB",
            quiet,
            busy,
            r -> r.footprint().idleHeapAfterGcMiB(),
            false));
    f.add(
        figure(
            "heap after GC, after the tours",
            "MiB",
            quiet,
            busy,
            r -> r.footprint().endHeapAfterGcMiB(),
            false));
    f.add(
        figure(
            "CPU idle", "% of one CPU", quiet, busy, r -> r.footprint().idleCpuPercent(), false));
    f.add(
        figure(
            "CPU seconds per tour",
            "s",
            quiet,
            busy,
            r -> r.footprint().cpuSecondsPerTour(),
            false));
    f.add(
        figure(
            "watch lag p95 (operator − independent)",
            "ms",
            quiet,
            busy,
            r -> r.analysis().lags().operatorMinusIndependent().p95(),
            true));
    f.add(
        figure(
            "status lag p95 (visible − independent)",
            "ms",
            quiet,
            busy,
            r -> r.analysis().lags().statusVisibleMinusIndependent().p95(),
            true));
    return f;
  }

  static Figure figure(
      String name,
      String unit,
      List<Bench.Run> quiet,
      List<Bench.Run> busy,
      Function<Bench.Run, Double> value,
      boolean lag) {
    return figure(
        name, unit, quiet.stream().map(value).toList(), busy.stream().map(value).toList(), lag);
  }

  static Figure figure(
      String name, String unit, List<Double> quiet, List<Double> busy, boolean lag) {
    Repeats q = Repeats.of(quiet);
    Repeats b = Repeats.of(busy);
    if (q.median() == null || b.median() == null) {
      return new Figure(name, unit, q, b, null, false, "not measured");
    }
    Double ratio = q.median() > 0 ? b.median() / q.median() : null;
    double limit = q.median() * ALLOWED;
    if (lag) {
      limit = Math.max(limit, q.median() + LAG_FLOOR_MS);
    }
    boolean met = b.median() <= limit;
    String missed = met ? "" : BenchReport.fmt(b.median() - limit) + " " + unit;
    return new Figure(name, unit, q, b, ratio, met, missed);
  }
}
