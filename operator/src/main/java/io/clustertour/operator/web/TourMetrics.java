package io.clustertour.operator.web;

import io.clustertour.operator.api.FlowStepResult;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.compare.FlowCatalog;
import io.clustertour.operator.compare.FlowStep;
import io.clustertour.operator.receive.ReceiverStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** Tour metrics with Prometheus naming and explicit histogram buckets; labels never name a tour. */
public final class TourMetrics {
  /** Tour states exported by the {@code clustertour_tours} gauge, one series each. */
  public static final List<String> TOUR_STATES =
      List.of("Pending", "Running", "Completed", "Diverged", "Failed");

  /** Label values beyond this many distinct ones per label become "other". */
  static final int MAX_LABEL_VALUES = 64;

  /**
   * Distinct learner-defined step ids the {@code step} label takes on top of the shipped ones (a
   * stop's expectedFlow holds up to 30 steps; this leaves room for two learners' own flows).
   */
  static final int LEARNER_STEP_VALUES = 64;

  private static final Duration[] STOP_BUCKETS =
      seconds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600);
  private static final Duration[] STEP_BUCKETS =
      seconds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600);
  private static final Duration[] LAG_BUCKETS =
      seconds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60);

  private final MeterRegistry registry;
  private final Timer observationLag;
  private final AtomicReference<Supplier<Map<String, Long>>> tourCounts =
      new AtomicReference<>(Map::of);
  // Step ids and components may come from learners' expectedFlow or foreign controllers:
  // bounding the distinct values keeps the series count finite whatever the cluster sends.
  private final Map<String, Set<String>> seenValues = new ConcurrentHashMap<>();
  private final Map<String, Integer> limits = new ConcurrentHashMap<>();
  private final AtomicReference<LongSupplier> overdueStops = new AtomicReference<>(() -> 0);
  private final AtomicReference<LongSupplier> droppedObservations = new AtomicReference<>(() -> 0);
  private final AtomicReference<LongSupplier> handlerErrors = new AtomicReference<>(() -> 0);

  public TourMetrics(MeterRegistry registry) {
    this.registry = registry;
    // the shipped step ids always keep their own label value, whatever learners define first
    Set<String> steps = ConcurrentHashMap.newKeySet();
    FlowCatalog.shipped()
        .flows()
        .forEach(f -> f.steps().stream().map(FlowStep::id).forEach(steps::add));
    seenValues.put("step", steps);
    limits.put("step", steps.size() + LEARNER_STEP_VALUES);
    this.observationLag =
        Timer.builder("clustertour.observation.lag")
            .description("Watch receive time minus the Event's eventTime")
            .serviceLevelObjectives(LAG_BUCKETS)
            .register(registry);
    for (String state : TOUR_STATES) {
      // Strong: a gauge holds its state weakly by default, and reads NaN once it is collected.
      Gauge.builder("clustertour.tours", tourCounts, ref -> count(ref.get(), state))
          .strongReference(true)
          .description("ClusterTours by overall state")
          .tag("state", state)
          .register(registry);
    }
    Gauge.builder("clustertour.stops.overdue", overdueStops, ref -> ref.get().getAsLong())
        .strongReference(true)
        .description(
            "Stops still Running after their timeout: the operator should have ended them as"
                + " TimedOut (it is not reconciling, or cannot write the status)")
        .register(registry);
    FunctionCounter.builder(
            "clustertour.observations.dropped", droppedObservations, ref -> ref.get().getAsLong())
        .description(
            "Observations of tracked namespaces dropped by the per-namespace limit: evidence the"
                + " tours graded without")
        .register(registry);
    FunctionCounter.builder(
            "clustertour.watch.handler.errors", handlerErrors, ref -> ref.get().getAsLong())
        .description("Watch notifications that could not be recorded (logged by the operator)")
        .register(registry);
  }

  /**
   * One evidence receiver's counters ({@code receiver} audit or traces): what arrived, what was
   * kept for a tour, what was turned away and why (every reason from the start, at 0).
   */
  public void receiver(String receiver, ReceiverStats stats) {
    FunctionCounter.builder("clustertour.evidence.received", stats, ReceiverStats::received)
        .description("Audit records or spans the receiver accepted, of any namespace")
        .tag("receiver", receiver)
        .register(registry);
    FunctionCounter.builder("clustertour.evidence.kept", stats, ReceiverStats::kept)
        .description("Audit records or spans kept because they concern a tour")
        .tag("receiver", receiver)
        .register(registry);
    for (String reason : ReceiverStats.REASONS) {
      FunctionCounter.builder("clustertour.evidence.rejected", stats, st -> st.rejectedFor(reason))
          .description("Batches or items the receiver turned away or dropped, by reason")
          .tags("receiver", receiver, "reason", reason)
          .register(registry);
    }
  }

  /**
   * Where the evidence receivers' loss counters come from (both monotonic): observations dropped by
   * the per-namespace limit, and notifications whose handling threw.
   */
  public void receiverLosses(LongSupplier dropped, LongSupplier errors) {
    droppedObservations.set(dropped);
    handlerErrors.set(errors);
  }

  /** Source of the number of Running stops past their timeout; read on every scrape. */
  public void overdueStops(LongSupplier count) {
    overdueStops.set(count);
  }

  /** Records how long a stop of this type took and how it ended. */
  public void stopFinished(String type, String state, Duration duration) {
    Timer.builder("clustertour.stop.duration")
        .description("Time from a stop's start to its end")
        .tag("stop_type", bounded("type", type))
        .tag("state", bounded("state", state))
        .serviceLevelObjectives(STOP_BUCKETS)
        .register(registry)
        .record(nonNegative(duration));
  }

  /**
   * Counts the verdicts of one finished stop and when each step's evidence happened since the stop
   * started, labelled with the clock it was read on ({@link StepLatency}).
   */
  public void flowGraded(StopStatus stop) {
    if (stop == null || stop.flow == null) {
      return;
    }
    String type = bounded("type", Objects.toString(stop.type, null));
    for (FlowStepResult result : stop.flow) {
      Counter.builder("clustertour.verdicts")
          .description("Documented-flow steps graded, by verdict")
          .tag("stop_type", type)
          .tag("verdict", bounded("verdict", Objects.toString(result.verdict, null)))
          .register(registry)
          .increment();
      StepLatency.Sample sample = StepLatency.of(result, stop);
      if (sample != null) {
        Timer.builder("clustertour.flow.step.latency")
            .description(
                "When a step's evidence happened since its stop started: the component's own µs"
                    + " time (clock=cluster) else the operator's receive time (clock=watch)")
            .tag("stop_type", type)
            .tag("step", bounded("step", result.step))
            .tag("clock", sample.clock())
            .serviceLevelObjectives(STEP_BUCKETS)
            .register(registry)
            .record(nonNegative(sample.latency()));
      }
    }
  }

  /** Counts one Event or object change seen on a watch, by the component that caused it. */
  public void eventObserved(String component) {
    Counter.builder("clustertour.events.observed")
        .description("Events and watched object changes recorded into tour timelines")
        .tag("component", bounded("component", component))
        .register(registry)
        .increment();
  }

  /**
   * Records watch receive time minus eventTime. Negative values (the component's clock ahead of the
   * operator's) land in the lowest bucket so the count still equals the events seen.
   */
  public void observationLag(double seconds) {
    long nanos = (long) (Math.max(0, seconds) * 1e9);
    observationLag.record(Duration.ofNanos(nanos));
  }

  /** Source of the per-state tour counts; read on every scrape, so it should be cheap. */
  public void toursByState(Supplier<Map<String, Long>> counts) {
    tourCounts.set(counts);
  }

  private static double count(Supplier<Map<String, Long>> supplier, String state) {
    Map<String, Long> counts = supplier.get();
    Long value = counts == null ? null : counts.get(state);
    return value == null ? 0 : value;
  }

  private String bounded(String label, String value) {
    String v = value == null || value.isBlank() ? "unknown" : value.strip();
    Set<String> seen = seenValues.computeIfAbsent(label, k -> ConcurrentHashMap.newKeySet());
    if (seen.contains(v)) {
      return v;
    }
    synchronized (seen) {
      if (seen.size() >= limits.getOrDefault(label, MAX_LABEL_VALUES)) {
        return "other";
      }
      seen.add(v);
      return v;
    }
  }

  private static Duration nonNegative(Duration d) {
    return d == null || d.isNegative() ? Duration.ZERO : d;
  }

  private static Duration[] seconds(double... values) {
    Duration[] out = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
    }
    return out;
  }
}
