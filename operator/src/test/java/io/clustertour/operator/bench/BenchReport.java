package io.clustertour.operator.bench;

import io.clustertour.operator.testsupport.GeneratedSection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** The benchmark's targets and its generated section of docs/benchmarks.md. */
final class BenchReport {
  private BenchReport() {}

  /** A target of issues 5 and 12, what was measured, and by how much it was missed. */
  record Target(String name, String target, String measured, boolean met, String gap) {}

  /** The busy-cluster comparison. */
  record Busy(
      int n,
      BusyLoad.Shape shape,
      List<String> quietRuns,
      List<String> busyRuns,
      List<LoadComparison.Figure> figures) {}

  /** Everything the section is written from. */
  record Input(
      String runId,
      Bench.Setup setup,
      List<Bench.Run> runs,
      List<Bench.Pooled> pooled,
      Busy busy,
      HistoryGrowth.Result history) {}

  /** The headline figures of one run, by name, for the medians over the repeats. */
  static final Map<String, Function<Bench.Run, Double>> FIGURES = figures();

  private static Map<String, Function<Bench.Run, Double>> figures() {
    Map<String, Function<Bench.Run, Double>> f = new LinkedHashMap<>();
    f.put("all tours completed after (s)", Bench.Run::allCompletedSeconds);
    f.put("completeness (%)", r -> 100 * r.analysis().completeness().share());
    f.put("watch lag p50 (ms)", r -> r.analysis().lags().operatorMinusIndependent().p50());
    f.put("watch lag p95 (ms)", r -> r.analysis().lags().operatorMinusIndependent().p95());
    f.put("status lag p50 (ms)", r -> r.analysis().lags().statusVisibleMinusIndependent().p50());
    f.put("status lag p95 (ms)", r -> r.analysis().lags().statusVisibleMinusIndependent().p95());
    f.put(
        "operator / independent delay from eventTime, p50",
        r ->
            ratio(
                r.analysis().lags().operatorMinusEventTime().p50(),
                r.analysis().lags().independentMinusEventTime().p50()));
    f.put("requests per tour", r -> r.api().requestsPerTour());
    f.put("status patches per tour", r -> r.api().statusPatchesPerTour());
    f.put("open watches", r -> (double) r.api().openWatches());
    f.put("start → /readyz (ms)", r -> (double) r.footprint().startToReadyMs());
    f.put("RSS idle (MiB)", r -> r.footprint().idleRssMiB());
    f.put("RSS peak (MiB)", r -> r.footprint().peakRssMiB());
    f.put("heap after GC idle (MiB)", r -> r.footprint().idleHeapAfterGcMiB());
    f.put("heap after GC after the tours (MiB)", r -> r.footprint().endHeapAfterGcMiB());
    f.put("CPU during tours (% of one CPU)", r -> r.footprint().runCpuPercent());
    f.put("CPU seconds per tour", r -> r.footprint().cpuSecondsPerTour());
    return f;
  }

  static Double ratio(Double a, Double b) {
    return a == null || b == null || b <= 0 ? null : a / b;
  }

  /** Per load and N ("quiet-n10"), each headline figure over the repeats. */
  static Map<String, Map<String, Repeats>> repeats(List<Bench.Run> runs) {
    Map<String, List<Bench.Run>> groups = groups(runs);
    Map<String, Map<String, Repeats>> out = new LinkedHashMap<>();
    groups.forEach(
        (key, rs) -> {
          Map<String, Repeats> m = new LinkedHashMap<>();
          FIGURES.forEach((name, f) -> m.put(name, Repeats.of(rs.stream().map(f).toList())));
          out.put(key, m);
        });
    return out;
  }

  /** Runs grouped by load and N, quiet first, N ascending. */
  static Map<String, List<Bench.Run>> groups(List<Bench.Run> runs) {
    Map<String, List<Bench.Run>> g =
        new TreeMap<>(
            java.util.Comparator.comparing((String k) -> k.startsWith("busy"))
                .thenComparingInt(k -> Integer.parseInt(k.substring(k.indexOf("-n") + 2))));
    for (Bench.Run r : runs) {
      g.computeIfAbsent(r.load() + "-n" + r.n(), k -> new ArrayList<>()).add(r);
    }
    return g;
  }

  static List<Target> targets(List<Bench.Run> all, Busy busy, HistoryGrowth.Result history) {
    List<Bench.Run> runs = all.stream().filter(r -> r.load().equals("quiet")).toList();
    Map<Integer, List<Bench.Run>> byN = new TreeMap<>();
    runs.forEach(r -> byN.computeIfAbsent(r.n(), k -> new ArrayList<>()).add(r));
    List<Target> t = new ArrayList<>();
    t.add(
        perN(
            byN,
            "completeness",
            "100% of the independently seen Events in the timelines (or counted as dropped), every"
                + " repeat",
            r -> 100 * r.analysis().completeness().share(),
            true,
            v -> v >= 100.0,
            v -> pct(v),
            v -> fmt(100 - v) + " percentage points"));
    t.add(
        perN(
            byN,
            "status-visible lag p95",
            "<= 1000 ms from the independent watcher's receive to the entry visible in the status"
                + " (median over the repeats)",
            r -> nz(r.analysis().lags().statusVisibleMinusIndependent().p95()),
            false,
            v -> v <= 1000,
            v -> fmt(v) + " ms",
            v -> fmt(v - 1000) + " ms"));
    t.add(
        perN(
            byN,
            "watch lag vs independent watcher, p95",
            "<= 50 ms (operator receive minus independent receive; median over the repeats)",
            r -> nz(r.analysis().lags().operatorMinusIndependent().p95()),
            false,
            v -> v <= 50,
            v -> fmt(v) + " ms",
            v -> fmt(v - 50) + " ms"));
    TreeSet<Long> watches = new TreeSet<>();
    runs.forEach(r -> watches.add(r.api().openWatches()));
    t.add(
        new Target(
            "open watches constant in N",
            "same number of open watches in every run",
            byN.entrySet().stream()
                .map(
                    e ->
                        "N="
                            + e.getKey()
                            + ": "
                            + e.getValue().stream()
                                .map(r -> Long.toString(r.api().openWatches()))
                                .distinct()
                                .collect(Collectors.joining("/")))
                .collect(Collectors.joining(", ")),
            watches.size() <= 1,
            watches.isEmpty() ? "" : (watches.last() - watches.first()) + " more in one run"));
    long idleLists = runs.stream().mapToLong(r -> r.api().listsWhileIdle()).sum();
    long runLists = runs.stream().mapToLong(r -> r.api().listsDuringRun()).sum();
    long deletePodStops = runs.stream().mapToLong(BenchReport::deletePodStops).sum();
    long extra =
        runs.stream()
            .mapToLong(r -> Math.max(0, r.api().listsDuringRun() - deletePodStops(r)))
            .sum();
    t.add(
        new Target(
            "no periodic LISTs",
            "0 LIST requests after start-up, but the one LIST of pods a DeletePod stop makes to"
                + " choose its pod (idle window and tours, every run)",
            idleLists
                + " idle, "
                + runLists
                + " during the tours with "
                + deletePodStops
                + " DeletePod stops, in "
                + runs.size()
                + " runs",
            idleLists == 0 && extra == 0,
            (idleLists + extra) + " LISTs more"));
    if (!byN.isEmpty()) {
      double small = median(byN.values().iterator().next(), r -> r.api().statusPatchesPerTour());
      double large =
          median(
              new ArrayList<>(byN.values()).get(byN.size() - 1),
              r -> r.api().statusPatchesPerTour());
      t.add(
          new Target(
              "status writes per tour bounded",
              "status patches per tour do not grow with N (median at the largest N <= 1.5 x at"
                  + " the smallest)",
              byN.entrySet().stream()
                  .map(
                      e ->
                          "N="
                              + e.getKey()
                              + ": "
                              + fmt(median(e.getValue(), r -> r.api().statusPatchesPerTour())))
                  .collect(Collectors.joining(", ")),
              large <= 1.5 * small,
              fmt(large / Math.max(small, 0.1)) + "x"));
    }
    if (busy != null) {
      for (LoadComparison.Figure f : busy.figures()) {
        t.add(
            new Target(
                "busy cluster: " + f.name(),
                "load on within 10% of load off (median over the repeats at N="
                    + busy.n()
                    + (f.unit().equals("ms")
                        ? "; or at most " + fmt(LoadComparison.LAG_FLOOR_MS) + " ms above"
                        : "")
                    + ")",
                "off "
                    + fmt(f.quiet().median())
                    + ", on "
                    + fmt(f.busy().median())
                    + " "
                    + f.unit()
                    + (f.ratio() == null
                        ? ""
                        : " (" + String.format(Locale.ROOT, "%.2f", f.ratio()) + "x)"),
                f.met(),
                f.missedBy()));
      }
    }
    if (history != null && history.points().size() >= 2) {
      HistoryGrowth.Point first = history.points().get(0);
      HistoryGrowth.Point last = history.points().get(history.points().size() - 1);
      t.add(
          new Target(
              "new-tour cost flat with history",
              "CPU seconds of one new tour with "
                  + last.finishedTours()
                  + " finished tours kept <= 1.5 x with none",
              fmt(first.probeCpuSeconds()) + " s → " + fmt(last.probeCpuSeconds()) + " s",
              last.probeCpuSeconds() <= 1.5 * Math.max(first.probeCpuSeconds(), 0.1),
              fmt(last.probeCpuSeconds() / Math.max(first.probeCpuSeconds(), 0.1)) + "x"));
    }
    return t;
  }

  private static long deletePodStops(Bench.Run r) {
    return r.analysis().stopTypes().stream()
        .filter(t -> t.type().equals("DeletePod"))
        .mapToLong(RunAnalysis.StopTypeFigures::stops)
        .sum();
  }

  private static double median(List<Bench.Run> runs, ToDoubleFunction<Bench.Run> f) {
    Double m = Repeats.of(runs.stream().map(r -> f.applyAsDouble(r)).toList()).median();
    return m == null ? 0 : m;
  }

  private static Target perN(
      Map<Integer, List<Bench.Run>> byN,
      String name,
      String goal,
      ToDoubleFunction<Bench.Run> value,
      boolean everyRepeat,
      DoublePredicate ok,
      Function<Double, String> show,
      Function<Double, String> gap) {
    List<String> measured = new ArrayList<>();
    List<String> misses = new ArrayList<>();
    byN.forEach(
        (n, rs) -> {
          Repeats r = Repeats.of(rs.stream().map(x -> value.applyAsDouble(x)).toList());
          double judged = everyRepeat ? worst(r, ok) : r.median();
          measured.add(
              "N="
                  + n
                  + ": "
                  + show.apply(r.median())
                  + (r.n() > 1
                      ? " ("
                          + show.apply(r.min())
                          + " – "
                          + show.apply(r.max())
                          + ", "
                          + r.n()
                          + " runs)"
                      : ""));
          if (!ok.test(judged)) {
            misses.add("N=" + n + ": " + gap.apply(judged));
          }
        });
    return new Target(
        name, goal, String.join(", ", measured), misses.isEmpty(), String.join(", ", misses));
  }

  /** The repeat furthest from the goal, for targets every repeat must meet. */
  private static double worst(Repeats r, DoublePredicate ok) {
    return r.values().stream().filter(v -> !ok.test(v)).findFirst().orElse(r.median());
  }

  /** Writes the generated "bench" section of the benchmarks page. */
  static void write(Path page, Input in) {
    GeneratedSection.write(page, "bench", "Benchmarks", markdown(in));
  }

  static String markdown(Input in) {
    Bench.Setup s = in.setup();
    List<Bench.Run> runs = in.runs();
    String file = "`target/bench/runs/" + in.runId() + ".json`";
    StringBuilder md = new StringBuilder();
    md.append("## Operator benchmark: `make bench` (issues 5 and 12)\n\n")
        .append("Generated by `hack/bench/run.sh` (")
        .append(s.date())
        .append(") on Kubernetes ")
        .append(s.kubernetes())
        .append(", node ")
        .append(s.node())
        .append("; ")
        .append(s.machine())
        .append("; ")
        .append(s.java())
        .append(", operator heap `")
        .append(s.operatorHeap())
        .append("`, evidence receivers ")
        .append(s.evidenceReceivers() ? "on (the local cluster's audit webhook and OTLP)" : "off")
        .append(". Run `")
        .append(in.runId())
        .append("`: every figure in this section is in the run file ")
        .append(file)
        .append(" (also `target/bench/results.json` until the next run) and, except the per-run")
        .append(" tables at the end, in the committed summary")
        .append(" [`benchmarks-results.json`](benchmarks-results.json) key `cluster`.\n\n");
    md.append(
            "Each run starts a fresh operator (the shaded jar, as the chart's ServiceAccount with the"
                + " chart's RBAC and admission policy), waits ")
        .append(s.idleSeconds())
        .append(
            " s idle, then creates N tours at once and waits until all are Completed. Each tour"
                + " makes every stop type that acts: Namespace, a 3-replica Deployment, a Service,"
                + " Scale to 4 and to 2, DeletePod, a Job. N = ")
        .append(
            runs.stream()
                .filter(r -> r.load().equals("quiet"))
                .map(Bench.Run::n)
                .distinct()
                .map(String::valueOf)
                .collect(Collectors.joining(", ")))
        .append(", each ")
        .append(s.repeats())
        .append(
            " times, the repeats interleaved (1, 10, 25, 1, 10, 25, ...). Before the first run"
                + " an independent watcher (own fabric8 client and connections) watches core/v1"
                + " Events, tour pods and ClusterTours and stamps every notification on arrival. Single"
                + " runs on this 2-core machine move a lot, so the tables give the median over the"
                + " repeats and their range, and ratios against the independent watcher where they"
                + " exist.\n\n");

    md.append(
        "### Targets\n\n| target | goal | measured | met | missed by |\n|---|---|---|---|---|\n");
    for (Target t : targets(runs, in.busy(), in.history())) {
      md.append(
          row(
              t.name(),
              t.target(),
              t.measured(),
              t.met() ? "yes" : "**no**",
              t.met() ? "" : t.gap()));
    }

    md.append("\n### Over the repeats: median (min – max) (key `repeats`)\n\n| figure |");
    Map<String, Map<String, Repeats>> rep = repeats(runs);
    rep.keySet().forEach(k -> md.append(" ").append(k).append(" |"));
    md.append("\n|---|").append("---|".repeat(rep.size())).append("\n");
    for (String figure : FIGURES.keySet()) {
      md.append("| ").append(figure).append(" |");
      for (Map<String, Repeats> m : rep.values()) {
        md.append(" ").append(spread(m.get(figure))).append(" |");
      }
      md.append("\n");
    }

    md.append(
        "\n### Every stop type, pooled over the repeats (key `pooled[].analysis.stopTypes`)\n\n"
            + "Duration: the stop's `startedAt` to `finishedAt`. Lags in ms as p50 / p95 (samples)."
            + " Ratio: the operator's delay from the scheduler's µs `eventTime` over the independent"
            + " watcher's (p50 over p50): 1.0 means the operator's watch delivers as fast as a bare"
            + " watch; it needs µs Events, so only the stops whose pods are scheduled have one.\n\n"
            + "| N | stop type | stops (completed) | duration p50 / p95 (ms) | operator − independent | status visible − independent | operator / independent from eventTime |\n"
            + "|---|---|---|---|---|---|---|\n");
    for (Bench.Pooled p : in.pooled()) {
      for (RunAnalysis.StopTypeFigures t : p.analysis().stopTypes()) {
        md.append(
            row(
                p.n(),
                t.type(),
                t.stops() + " (" + t.completed() + ")",
                fmt(t.durationMs().p50()) + " / " + fmt(t.durationMs().p95()),
                short2(t.operatorMinusIndependent()),
                short2(t.statusVisibleMinusIndependent()),
                t.operatorOverIndependentFromEventTimeP50() == null
                    ? "–"
                    : String.format(
                        Locale.ROOT, "%.2f", t.operatorOverIndependentFromEventTimeP50())));
      }
    }

    md.append(
        "\n### Pod start-up latency: the tour beside the reference methods (key `pooled[].references`)\n\n"
            + "Every pod of the tours, pooled over the repeats of each N, computed by each method from"
            + " what the independent watcher kept (the pod's first notifications and timestamps, the"
            + " scheduler's and the kubelet's Events) and, for the audit method, the API server's µs"
            + " times the tour's own timeline carries (entries merged with their audited request)."
            + " The tour's figures are its `latencies` (each stop's first and slowest pod): `ms` on"
            + " the cluster's clocks, `watchMs` between the operator's own watch receives. Difference ="
            + " tour − reference, per pod, then p50 / p95 / max.\n\n"
            + "| N | tour phase | reference (its phase) | pods | reference p50 / p95 | tour `ms` − reference | tour `watchMs` − reference |\n"
            + "|---|---|---|---|---|---|---|\n");
    for (Bench.Pooled p : in.pooled()) {
      for (ReferenceLatency.Comparison c : p.references().comparisons()) {
        md.append(
            row(
                p.n(),
                c.tourPhase(),
                c.method() + " (" + c.methodPhase() + ")",
                c.referenceMs().count(),
                fmt(c.referenceMs().p50()) + " / " + fmt(c.referenceMs().p95()),
                diff(c.tourMsMinusReference()),
                diff(c.tourWatchMsMinusReference())));
      }
    }
    md.append(
        "\nAll phases of each method over all the tours' pods (ms):\n\n"
            + "| N | method | phase | from → to | p50 / p95 / max (pods) |\n|---|---|---|---|---|\n");
    for (Bench.Pooled p : in.pooled()) {
      for (ReferenceLatency.MethodPhase m : p.references().phases()) {
        md.append(
            row(
                p.n(),
                m.method(),
                m.phase(),
                m.sources(),
                fmt(m.ms().p50())
                    + " / "
                    + fmt(m.ms().p95())
                    + " / "
                    + fmt(m.ms().max())
                    + " ("
                    + m.ms().count()
                    + ")"));
      }
    }
    md.append(
        "\nWhy the methods differ, by construction (the figures above show by how much):\n\n"
            + "* **Clocks and precision.** `creationTimestamp`, the conditions' `lastTransitionTime`"
            + " and `startedAt` are cut to whole seconds; the scheduler's `eventTime`, the kubelet's"
            + " Event names (client-go's recorder puts `UnixNano` in hex there) and the audit times"
            + " are µs/ns. A phase from a second-precision start to a µs end (clusterloader2's"
            + " `create_to_schedule`, kube-burner's `PodScheduled`) is too long by the start's lost"
            + " fraction, 0–1 s, ~0.5 s on average; one from a µs start to a second-precision end"
            + " (`schedule_to_run`) is too short by up to 1 s and clamped at 0 by both tools.\n"
            + "* **The tour's `ms` is given at the coarser precision of its two ends**: a"
            + " second-precision start cuts the µs end to the second too, so its `createToScheduled`"
            + " is a multiple of 1000 (often 0) where clusterloader2 and kube-burner subtract the"
            + " cut start from the µs end; the tour's `precision` field says `s` then.\n"
            + "* **Receive times** (clusterloader2 today, the tour's `watchMs`) include watch delivery"
            + " at both ends: mostly cancelled in a difference, but each end is late by its own"
            + " delivery, so a phase can come out shorter or longer than it was.\n"
            + "* **Which container.** clusterloader2 takes the latest `running.startedAt` of the pod's"
            + " containers, kube-burner the latest `Started` Event; the tour takes the first container"
            + " start. With one container per pod, as here, they are the same moment.\n"
            + "* **End point of start-up.** clusterloader2's `pod_startup` ends when the pod is first"
            + " seen Running; kube-burner's and the tour's `createToReady` at Ready. With no"
            + " readiness probe Ready follows Running by one status write.\n"
            + "* **The audit times** are the API server's own µs clock for the writes that make each"
            + " step: the pod's create, its binding by the scheduler, and the kubelet's status writes."
            + " The kubelet's status write lags the container's start by its status sync, so the"
            + " audit's `scheduledToRunning` is longer than the runtime's start by that; it is the"
            + " reference with the smallest error because it needs neither second-precision fields nor"
            + " watch delivery.\n");

    Busy b = in.busy();
    if (b != null) {
      BusyLoad.Shape sh = b.shape();
      md.append(
          "\n### A busy cluster around the tours (key `busy`)\n\n"
              + "Background load in namespace `"
              + BusyLoad.NAMESPACE
              + "` (no tour's): a Deployment of "
              + sh.crashLoopingPods()
              + " pods that exit after 2 s (CrashLoopBackOff), a Deployment scaled"
              + " between "
              + sh.flapMin()
              + " and "
              + sh.flapMax()
              + " replicas every "
              + sh.flapPeriodSeconds()
              + " s, and core/v1 Events created at "
              + fmt(sh.eventsPerSecond())
              + " a second ("
              + sh.eventsCreated()
              + " in "
              + fmt(sh.seconds())
              + " s, "
              + sh.eventErrors()
              + " failed; "
              + sh.scaleChanges()
              + " scale changes). Load off: the"
              + " quiet runs "
              + String.join(", ", b.quietRuns())
              + "; load on: "
              + String.join(", ", b.busyRuns())
              + ", started with the load already running. Median over"
              + " the repeats (min – max); target: load on within 10% of load off (lags: or at most "
              + fmt(LoadComparison.LAG_FLOOR_MS)
              + " ms above, the resolution of two JVMs' receive"
              + " stamps here).\n\n"
              + "| figure | load off | load on | on / off | met | missed by |\n|---|---|---|---|---|---|\n");
      for (LoadComparison.Figure f : b.figures()) {
        md.append(
            row(
                f.name() + " (" + f.unit() + ")",
                spread(f.quiet()),
                spread(f.busy()),
                f.ratio() == null ? "–" : String.format(Locale.ROOT, "%.2f", f.ratio()),
                f.met() ? "yes" : "**no**",
                f.missedBy()));
      }
    }

    if (b != null && b.figures().stream().anyMatch(f -> !f.met())) {
      md.append(
          "\nMissed: "
              + b.figures().stream()
                  .filter(f -> !f.met())
                  .map(LoadComparison.Figure::name)
                  .collect(Collectors.joining(", "))
              + ". The operator's Events informer (`ClusterWatcher`, a JOSDK informer event source) is cluster-wide, with a cache:"
              + " every Event of the load is received, deserialised, stored and passed to its handler,"
              + " which drops it only because no tour tracks the namespace. A watch design that would"
              + " fix it (not made here): Events watched per tour namespace, a watch opened when a tour"
              + " starts tracking its namespace and closed when the tour ends, with a bound on the"
              + " count (above it, fall back to the cluster-wide watch), and without an informer cache"
              + " (the handler only needs each Event once, the status keeps what matters); foreign"
              + " Events then never reach the operator. The open-watches target would become 'bounded"
              + " by the active tours' instead of 'constant in N'.\n");
    }

    HistoryGrowth.Result h = in.history();
    if (h != null) {
      md.append(
          "\n### Growth with history (key `history`)\n\n"
              + "One operator; finished one-namespace tours kept with their namespaces (each brings the"
              + " namespace's default ServiceAccount and root-CA ConfigMap, which the operator watches"
              + " cluster-wide) up to "
              + h.target()
              + " (filled in batches of 25, "
              + fmt(h.fillSeconds())
              + " s in all). At each count: heap after a full GC (`jcmd GC.run`),"
              + " RSS, and one new Namespace + 1-pod Deployment tour: its time to Completed, the"
              + " operator's CPU seconds meanwhile, and its requests (from the API server's FlowSchema"
              + " counters). The probe tours stay and count as finished tours for the next point."
              + " One warm-up tour (deleted again) runs first, so the point at 0 is not the JVM's"
              + " cold start.\n\n"
              + "| finished tours | heap after GC (MiB) | RSS (MiB) | new tour completed after (s) | CPU s for it | its requests | its status patches |\n"
              + "|---|---|---|---|---|---|---|\n");
      for (HistoryGrowth.Point p : h.points()) {
        md.append(
            row(
                p.finishedTours(),
                fmt(p.heapAfterGcMiB()),
                fmt(p.rssMiB()),
                fmt(p.probeCompletedSeconds()),
                fmt(p.probeCpuSeconds()),
                p.probeRequests(),
                p.probeStatusPatches()));
      }
      md.append(
          "\nPer 100 finished tours (least-squares slope over the points): heap "
              + fmt(h.heapMiBPer100Tours())
              + " MiB, RSS "
              + fmt(h.rssMiBPer100Tours())
              + " MiB, CPU for a new tour "
              + fmt(h.probeCpuSecondsPer100Tours())
              + " s, its requests "
              + fmt(h.probeRequestsPer100Tours())
              + ". A fresh operator over the whole history: start → /readyz "
              + h.restartToReadyMs()
              + " ms, "
              + fmt(h.restartCpuSecondsToReady())
              + " CPU s to get there, heap after GC "
              + fmt(h.restartHeapAfterGcMiB())
              + " MiB 5 s later.\n");
    }

    md.append("\n### Per run (key `runs`)\n");
    md.append(
        "\n### Completeness against the independent watcher\n\n"
            + "Relevant: Events in a tour's namespace that the independent watcher received while"
            + " one of the tour's stops ran (between its `startedAt` and `finishedAt`). Matched: an"
            + " event entry of the same object, reason and component in the tour's status.\n\n"
            + "| run | completed | all completed after | slowest stop | relevant | matched | missing | counted as dropped | share | received between stops |\n"
            + "|---|---|---|---|---|---|---|---|---|---|\n");
    for (Bench.Run r : runs) {
      RunAnalysis.Completeness c = r.analysis().completeness();
      md.append(
          row(
              Bench.runName(r),
              r.completed() + "/" + r.n(),
              fmt(r.allCompletedSeconds()) + " s",
              r.slowestStop(),
              c.relevant(),
              c.matched(),
              c.missing(),
              c.accountedByDropped(),
              pct(100 * c.share()),
              c.betweenStops()));
    }
    runs.stream()
        .flatMap(r -> r.analysis().completeness().missingExamples().stream())
        .limit(5)
        .forEach(e -> md.append("\nMissing: ").append(e).append("\n"));

    md.append(
        "\n### Observation lag (ms: min / p50 / p95 / max (n))\n\n"
            + "Operator receive time = the stop's `startedAt` + the entry's `offsetMs` (both from the"
            + " operator's watch-receive clock, millisecond precision). `eventTime` exists only on"
            + " events.k8s.io writers (the scheduler's `Scheduled`); kubelet and controller Events"
            + " have second-precision times only. Status visible = when the independent ClusterTour"
            + " watch first saw the entry.\n\n"
            + "| run | operator − independent | operator − eventTime | independent − eventTime | status visible − independent | status visible − operator receive | operator's own histogram (n, mean, p95 bucket) |\n"
            + "|---|---|---|---|---|---|---|\n");
    for (Bench.Run r : runs) {
      RunAnalysis.Lags l = r.analysis().lags();
      Bench.OperatorLagMetric m = r.operatorMetric();
      md.append(
          row(
              Bench.runName(r),
              stats(l.operatorMinusIndependent()),
              stats(l.operatorMinusEventTime()),
              stats(l.independentMinusEventTime()),
              stats(l.statusVisibleMinusIndependent()),
              stats(l.statusVisibleMinusOperator()),
              m.count() + ", " + fmt(m.meanMs()) + ", ≤ " + fmt(m.p95UpperBoundMs())));
    }

    md.append(
        "\n### API footprint from the API server's metrics\n\n"
            + "`apiserver_request_total` has no client label, so the benchmark gives the operator's"
            + " ServiceAccount its own API Priority and Fairness FlowSchemas, one per verb and"
            + " resource its RBAC grants (priority level `workload-low`, which it gets anyway), and"
            + " reads `apiserver_flowcontrol_dispatched_requests_total` per FlowSchema: requests"
            + " the API server itself attributed to the operator. Open watches: the change of"
            + " `apiserver_longrunning_requests{verb=\"WATCH\"}` from before the operator started"
            + " to the end of the tours.\n\n"
            + "| run | open watches | watch requests at start / during tours | LISTs idle / during tours | requests per tour | status patches per tour |\n"
            + "|---|---|---|---|---|---|\n");
    for (Bench.Run r : runs) {
      Bench.Api a = r.api();
      md.append(
          row(
              Bench.runName(r),
              a.openWatches(),
              a.watchRequestsAtStartup() + " / " + a.watchRequestsDuringRun(),
              a.listsWhileIdle() + " / " + a.listsDuringRun(),
              fmt(a.requestsPerTour()),
              fmt(a.statusPatchesPerTour())));
    }
    List<Bench.Run> firsts = runs.stream().filter(r -> r.repeat() == 1).toList();
    TreeSet<String> kinds = new TreeSet<>();
    firsts.forEach(r -> kinds.addAll(r.api().run().keySet()));
    firsts.forEach(r -> kinds.addAll(r.api().startup().keySet()));
    md.append(
        "\nRequests by verb and resource in the first repeat of each run (start-up / during the"
            + " tours; every run's are in the run file, `runs[].api`):\n\n| request |");
    firsts.forEach(r -> md.append(" ").append(Bench.runName(r)).append(" |"));
    md.append("\n|---|").append("---|".repeat(firsts.size())).append("\n");
    for (String k : kinds) {
      md.append("| ").append(k).append(" |");
      for (Bench.Run r : firsts) {
        md.append(" ")
            .append(r.api().startup().getOrDefault(k, 0L))
            .append(" / ")
            .append(r.api().run().getOrDefault(k, 0L))
            .append(" |");
      }
      md.append("\n");
    }
    Map<String, Long> byResource = runs.get(runs.size() - 1).api().openWatchesByResource();
    md.append("\nOpen watches by resource in ")
        .append(Bench.runName(runs.get(runs.size() - 1)))
        .append(": ")
        .append(
            byResource.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")))
        .append(".\n");

    md.append(
        "\n### Operator process (from /proc)\n\n"
            + "| run | start → /readyz | RSS idle | CPU idle | RSS peak during tours | CPU during tours | CPU seconds per tour |\n"
            + "|---|---|---|---|---|---|---|\n");
    for (Bench.Run r : runs) {
      Bench.Footprint f = r.footprint();
      md.append(
          row(
              Bench.runName(r),
              f.startToReadyMs() + " ms",
              fmt(f.idleRssMiB()) + " MiB",
              fmt(f.idleCpuPercent()) + " %",
              fmt(f.peakRssMiB()) + " MiB",
              fmt(f.runCpuPercent()) + " %",
              fmt(f.cpuSecondsPerTour())));
    }
    return md.toString();
  }

  private static String spread(Repeats r) {
    if (r == null || r.n() == 0) {
      return "–";
    }
    return r.n() == 1
        ? fmt(r.median())
        : fmt(r.median()) + " (" + fmt(r.min()) + " – " + fmt(r.max()) + ")";
  }

  private static String short2(Stats s) {
    return s.count() == 0 ? "–" : fmt(s.p50()) + " / " + fmt(s.p95()) + " (" + s.count() + ")";
  }

  private static String diff(Stats s) {
    return s.count() == 0
        ? "–"
        : fmt(s.p50()) + " / " + fmt(s.p95()) + " / " + fmt(s.max()) + " (" + s.count() + ")";
  }

  static String row(Object... cells) {
    return "| "
        + java.util.Arrays.stream(cells).map(String::valueOf).collect(Collectors.joining(" | "))
        + " |\n";
  }

  private static String stats(Stats s) {
    if (s.count() == 0) {
      return "–";
    }
    return fmt(s.min())
        + " / "
        + fmt(s.p50())
        + " / "
        + fmt(s.p95())
        + " / "
        + fmt(s.max())
        + " ("
        + s.count()
        + ")";
  }

  private static double nz(Double v) {
    return v == null ? 0 : v;
  }

  static String pct(double v) {
    return fmt(v) + "%";
  }

  static String fmt(Double v) {
    if (v == null) {
      return "–";
    }
    if (Math.abs(v) < 0.05) {
      return "0";
    }
    if (Math.abs(v - Math.rint(v)) < 1e-9) {
      return String.format(Locale.ROOT, "%d", Math.round(v));
    }
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
