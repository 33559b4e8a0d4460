package io.clustertour.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {
  private static Stats stats(double... v) {
    return Stats.of(java.util.Arrays.stream(v).boxed().toList());
  }

  private static Bench.Run run(int n, int repeat, String load, double statusP95, double rss) {
    RunAnalysis.Lags lags =
        new RunAnalysis.Lags(
            stats(1, 2, 3), stats(50, 60), stats(40, 50), stats(100, statusP95), stats(80, 90));
    RunAnalysis.Result analysis =
        new RunAnalysis.Result(
            new RunAnalysis.Completeness(6, 6, 0, 0, 0, 1.0, List.of()),
            lags,
            List.of(),
            1,
            List.of(
                new RunAnalysis.StopTypeFigures(
                    "Deployment", 1, 1, stats(2000), stats(1, 2), stats(100, 200), 1.2)));
    Bench.Api api =
        new Bench.Api(
            Map.of("list pods", 1L),
            Map.of(),
            Map.of("patch clustertour.io/clustertours/status", 4L * n),
            20L * n,
            20,
            4,
            11,
            0,
            0,
            1,
            11,
            Map.of("pods", 1L));
    Bench.Footprint f = new Bench.Footprint(3000, rss, 0.5, rss + 40, 60, 0.8, 40, 45);
    return new Bench.Run(
        n,
        repeat,
        load,
        5.0,
        n,
        "t/web 2 s",
        analysis,
        api,
        f,
        new Bench.OperatorLagMetric(1, 100.0, 250.0),
        new ReferenceLatency.Result(0, 0, List.of(), List.of()));
  }

  @Test
  void theSectionNamesItsRunFileAndJudgesTargetsOnTheMedianOverTheRepeats() {
    List<Bench.Run> runs =
        List.of(
            run(1, 1, "quiet", 900, 180),
            run(1, 2, "quiet", 2000, 190),
            run(1, 3, "quiet", 950, 200),
            run(1, 1, "busy", 990, 240));
    BenchReport.Busy busy =
        new BenchReport.Busy(
            1,
            new BusyLoad.Shape(3, 1, 4, 10, 20, 400, 0, 2, 20),
            List.of("quiet-n1-r1", "quiet-n1-r2", "quiet-n1-r3"),
            List.of("busy-n1-r1"),
            LoadComparison.compare(runs.subList(0, 3), runs.subList(3, 4)));
    HistoryGrowth.Result history =
        new HistoryGrowth.Result(
            4,
            List.of(
                new HistoryGrowth.Point(0, 40, 200, 4, 1, 15, 4),
                new HistoryGrowth.Point(4, 41, 201, 4, 1.2, 15, 4)),
            25.0,
            25.0,
            5.0,
            0.0,
            3000,
            42,
            6,
            10);
    Bench.Setup setup =
        new Bench.Setup("d", "make bench", "v1", "vm", "2 CPUs", "jdk", "-Xmx256m", 10, 3, true);
    String md =
        BenchReport.markdown(new BenchReport.Input("run-x", setup, runs, List.of(), busy, history));

    assertThat(md).contains("`target/bench/runs/run-x.json`").contains("key `cluster`");
    // status lag p95 over the three quiet repeats: median 950 ms, met although one repeat missed
    assertThat(md)
        .contains("| status-visible lag p95 |")
        .contains("N=1: 950 ms (900 ms – 2000 ms, 3 runs)");
    List<BenchReport.Target> targets = BenchReport.targets(runs, busy, history);
    assertThat(targets.stream().filter(t -> t.name().equals("status-visible lag p95")).findFirst())
        .hasValueSatisfying(t -> assertThat(t.met()).isTrue());
    // RSS idle: 190 off, 240 on: missed by 240 - 209
    assertThat(targets.stream().filter(t -> t.name().equals("busy cluster: RSS idle")).findFirst())
        .hasValueSatisfying(
            t -> {
              assertThat(t.met()).isFalse();
              assertThat(t.gap()).isEqualTo("31 MiB");
            });
    // one LIST of pods during the tours, none while idle, no DeletePod stop in these runs
    assertThat(targets.stream().filter(t -> t.name().equals("no periodic LISTs")).findFirst())
        .hasValueSatisfying(
            t -> {
              assertThat(t.met()).isFalse();
              assertThat(t.gap()).isEqualTo("3 LISTs more");
            });
    assertThat(md).contains("### Growth with history").contains("| 4 | 41 | 201 |");
    assertThat(BenchReport.repeats(runs).keySet()).containsExactly("quiet-n1", "busy-n1");
  }
}
