package io.clustertour.operator.bench;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.LatencyPhase;
import io.clustertour.operator.api.PodLatencies;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.api.TimelineEntry;
import io.clustertour.operator.testsupport.EventCoverage;
import io.clustertour.operator.testsupport.EventCoverage.EventRef;
import io.clustertour.operator.testsupport.EventCoverage.Match;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * Compares finished tours with what the independent watcher saw: completeness, observation lags and
 * pod start-up latencies. Pure: works on the tours' statuses and the watcher's records.
 */
final class RunAnalysis {
  static final List<String> PHASES =
      List.of("createToScheduled", "scheduledToRunning", "createToReady");

  private RunAnalysis() {}

  /** Share of the Events seen independently during the tours' stops that their timelines show. */
  record Completeness(
      int relevant,
      int matched,
      int missing,
      int accountedByDropped,
      int betweenStops,
      double share,
      List<String> missingExamples) {}

  /** Observation lags in milliseconds. */
  record Lags(
      Stats operatorMinusIndependent,
      Stats operatorMinusEventTime,
      Stats independentMinusEventTime,
      Stats statusVisibleMinusIndependent,
      Stats statusVisibleMinusOperator) {}

  /** One pod start-up phase: the tour's figure, the independent one, and their difference. */
  record Phase(String phase, Stats tourMs, Stats independentMs, Stats differenceMs) {}

  /**
   * One stop type over the run's tours: how long its stops took, and the lags of the entries they
   * recorded; the ratio is the operator's delivery delay over the independent watcher's (both from
   * the scheduler's µs eventTime), which cancels the load both watchers share.
   */
  record StopTypeFigures(
      String type,
      int stops,
      int completed,
      Stats durationMs,
      Stats operatorMinusIndependent,
      Stats statusVisibleMinusIndependent,
      Double operatorOverIndependentFromEventTimeP50) {}

  /** Everything computed for one run. */
  record Result(
      Completeness completeness,
      Lags lags,
      List<Phase> latency,
      int podsCompared,
      List<StopTypeFigures> stopTypes) {}

  static Result analyze(
      Collection<ClusterTour> tours,
      Map<String, EventRef> events,
      Map<String, IndependentWatcher.PodTimes> pods,
      Map<String, Instant> entryVisible) {
    int relevant = 0;
    int matched = 0;
    int missing = 0;
    int accounted = 0;
    int between = 0;
    List<String> examples = new ArrayList<>();
    List<Double> opMinusInd = new ArrayList<>();
    List<Double> opMinusEvent = new ArrayList<>();
    List<Double> indMinusEvent = new ArrayList<>();
    List<Double> visMinusInd = new ArrayList<>();
    List<Double> visMinusOp = new ArrayList<>();
    Map<String, List<Double>> tourMs = new LinkedHashMap<>();
    Map<String, List<Double>> indMs = new LinkedHashMap<>();
    Map<String, List<Double>> diffMs = new LinkedHashMap<>();
    PHASES.forEach(
        p -> {
          tourMs.put(p, new ArrayList<>());
          indMs.put(p, new ArrayList<>());
          diffMs.put(p, new ArrayList<>());
        });
    int podsCompared = 0;
    Map<String, TypeLists> byType = new LinkedHashMap<>();

    for (ClusterTour tour : tours) {
      String name = tour.getMetadata().getName();
      Set<String> namespaces = namespaces(tour);
      List<StopStatus> stops = tour.getStatus().stops;
      List<EventRef> inStops = new ArrayList<>();
      for (EventRef e : events.values()) {
        if (!namespaces.contains(e.namespace())) {
          continue;
        }
        if (stops.stream().anyMatch(s -> within(e.receivedAt(), s))) {
          inStops.add(e);
        } else if (start(stops.get(0)) != null
            && end(stops.get(stops.size() - 1)) != null
            && e.receivedAt().isAfter(start(stops.get(0)))
            && e.receivedAt().isBefore(end(stops.get(stops.size() - 1)))) {
          between++;
        }
      }
      EventCoverage.Result coverage = EventCoverage.of(tour, inStops);
      relevant += inStops.size();
      matched += coverage.matched().size();
      missing += coverage.missing().size();
      accounted += coverage.accountedByDropped();
      coverage.missing().stream()
          .limit(Math.max(0, 5 - examples.size()))
          .forEach(
              e -> examples.add(name + ": " + e.component() + " " + e.reason() + " " + e.object()));

      for (StopStatus stop : stops) {
        TypeLists l = byType.computeIfAbsent(type(tour, stop.name), k -> new TypeLists());
        l.stops++;
        if (stop.state == io.clustertour.operator.api.StopState.Completed) {
          l.completed++;
        }
        if (start(stop) != null && end(stop) != null) {
          l.duration.add(ms(start(stop), end(stop)));
        }
      }
      for (Match m : coverage.matched()) {
        StopStatus stop = stop(tour, m.stop());
        TypeLists l = byType.get(type(tour, stop.name));
        Instant operator = start(stop).plusMillis(m.entry().offsetMs);
        EventRef e = m.event();
        opMinusInd.add(ms(e.receivedAt(), operator));
        l.opMinusInd.add(ms(e.receivedAt(), operator));
        if ("us".equals(e.precision())) {
          opMinusEvent.add(ms(e.time(), operator));
          indMinusEvent.add(ms(e.time(), e.receivedAt()));
          l.opMinusEvent.add(ms(e.time(), operator));
          l.indMinusEvent.add(ms(e.time(), e.receivedAt()));
        }
        Instant visible = entryVisible.get(IndependentWatcher.entryKey(name, m.entry().seq));
        if (visible != null) {
          visMinusInd.add(ms(e.receivedAt(), visible));
          l.visMinusInd.add(ms(e.receivedAt(), visible));
        }
      }
      for (StopStatus stop : stops) {
        for (TimelineEntry entry : stop.timeline) {
          Instant visible = entryVisible.get(IndependentWatcher.entryKey(name, entry.seq));
          if (visible != null && entry.offsetMs != null && !"s".equals(entry.precision)) {
            visMinusOp.add(ms(start(stop).plusMillis(entry.offsetMs), visible));
          }
        }
      }

      for (StopStatus stop : stops) {
        Optional<String> pod = firstPod(stop);
        IndependentWatcher.PodTimes t =
            pod.flatMap(
                    p ->
                        namespaces.stream()
                            .map(ns -> pods.get(IndependentWatcher.podKey(ns, p)))
                            .filter(x -> x != null)
                            .findFirst())
                .orElse(null);
        if (stop.latencies == null
            || stop.latencies.first == null
            || t == null
            || stop.startedAt == null) {
          continue;
        }
        podsCompared++;
        // watchMs: the tour's own watch-receive figure, the one comparable with receive times
        PodLatencies l = stop.latencies.first;
        compare(
            tourMs,
            indMs,
            diffMs,
            "createToScheduled",
            watchMs(l.createToScheduled),
            t.created,
            t.scheduled);
        compare(
            tourMs,
            indMs,
            diffMs,
            "scheduledToRunning",
            watchMs(l.scheduledToRunning),
            t.scheduled,
            t.running);
        compare(
            tourMs, indMs, diffMs, "createToReady", watchMs(l.createToReady), t.created, t.ready);
      }
    }
    Completeness completeness =
        new Completeness(
            relevant,
            matched,
            missing,
            accounted,
            between,
            relevant == 0 ? 1.0 : (matched + accounted) / (double) relevant,
            examples);
    Lags lags =
        new Lags(
            Stats.of(opMinusInd),
            Stats.of(opMinusEvent),
            Stats.of(indMinusEvent),
            Stats.of(visMinusInd),
            Stats.of(visMinusOp));
    List<Phase> latency =
        PHASES.stream()
            .map(
                p ->
                    new Phase(
                        p,
                        Stats.of(tourMs.get(p)),
                        Stats.of(indMs.get(p)),
                        Stats.of(diffMs.get(p))))
            .toList();
    List<StopTypeFigures> types = new ArrayList<>();
    byType.forEach(
        (type, l) -> {
          Stats op = Stats.of(l.opMinusEvent);
          Stats ind = Stats.of(l.indMinusEvent);
          Double ratio =
              op.count() == 0 || ind.p50() == null || ind.p50() <= 0 ? null : op.p50() / ind.p50();
          types.add(
              new StopTypeFigures(
                  type,
                  l.stops,
                  l.completed,
                  Stats.of(l.duration),
                  Stats.of(l.opMinusInd),
                  Stats.of(l.visMinusInd),
                  ratio));
        });
    return new Result(completeness, lags, latency, podsCompared, types);
  }

  /** The measurements of one stop type while they are collected. */
  private static final class TypeLists {
    int stops;
    int completed;
    final List<Double> duration = new ArrayList<>();
    final List<Double> opMinusInd = new ArrayList<>();
    final List<Double> opMinusEvent = new ArrayList<>();
    final List<Double> indMinusEvent = new ArrayList<>();
    final List<Double> visMinusInd = new ArrayList<>();
  }

  private static String type(ClusterTour tour, String stop) {
    return tour.getSpec().stops.stream()
        .filter(s -> s.name.equals(stop))
        .findFirst()
        .map(s -> String.valueOf(s.type))
        .orElse("?");
  }

  private static void compare(
      Map<String, List<Double>> tourMs,
      Map<String, List<Double>> indMs,
      Map<String, List<Double>> diffMs,
      String phase,
      Long tour,
      Instant from,
      Instant to) {
    if (tour == null || from == null || to == null) {
      return;
    }
    double independent = ms(from, to);
    tourMs.get(phase).add(tour.doubleValue());
    indMs.get(phase).add(independent);
    diffMs.get(phase).add(tour - independent);
  }

  private static Long watchMs(LatencyPhase phase) {
    return phase == null ? null : phase.watchMs;
  }

  /** The pod the operator's latencies are about: the first one created in the stop. */
  static Optional<String> firstPod(StopStatus stop) {
    if (stop.latencies != null
        && stop.latencies.first != null
        && stop.latencies.first.pod != null) {
      return Optional.of(stop.latencies.first.pod);
    }
    return stop.timeline.stream()
        .filter(e -> "watch".equals(e.source) && "PodCreated".equals(e.reason))
        .filter(e -> e.object != null && e.object.startsWith("Pod/"))
        .min(Comparator.comparingLong((ToLongFunction<TimelineEntry>) e -> e.seq))
        .map(e -> e.object.substring("Pod/".length()));
  }

  private static Set<String> namespaces(ClusterTour tour) {
    return tour.getSpec().stops.stream()
        .filter(s -> s.type == Stop.StopType.Namespace && s.namespace != null)
        .map(s -> s.namespace.name)
        .collect(Collectors.toSet());
  }

  private static StopStatus stop(ClusterTour tour, String name) {
    return tour.getStatus().stops.stream()
        .filter(s -> s.name.equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static boolean within(Instant at, StopStatus s) {
    return s.startedAt != null
        && s.finishedAt != null
        && !at.isBefore(start(s))
        && !at.isAfter(end(s));
  }

  private static Instant start(StopStatus s) {
    return EventCoverage.parse(s.startedAt);
  }

  private static Instant end(StopStatus s) {
    return EventCoverage.parse(s.finishedAt);
  }

  static double ms(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e6;
  }
}
