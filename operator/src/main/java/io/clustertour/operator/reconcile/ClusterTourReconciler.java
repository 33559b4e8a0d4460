package io.clustertour.operator.reconcile;

import io.clustertour.operator.act.Actions;
import io.clustertour.operator.act.TourOwnership;
import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.ClusterTourStatus;
import io.clustertour.operator.api.EvidenceSource;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopState;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.compare.FlowCatalog;
import io.clustertour.operator.observe.ClusterWatcher;
import io.clustertour.operator.observe.EvidenceSources;
import io.clustertour.operator.observe.InventoryReader;
import io.clustertour.operator.observe.Observation;
import io.clustertour.operator.web.TourMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.rate.RateLimited;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The ClusterTour controller: for the current stop, observe (watcher caches and observations),
 * compare (timeline graded against the documented flow) and act (create what the stop needs); then
 * write the status and announce transitions as Events. It orchestrates only: every decision lives
 * in a pure class of this package, every cluster write in the act package.
 */
@ControllerConfiguration(
    name = ClusterTourReconciler.NAME,
    fieldManager = TourOwnership.FIELD_MANAGER)
// A short coalescing window, not a pace: JOSDK never runs two reconciles of one tour at once and
// folds the notifications that arrive meanwhile into one rerun; a notification within
// COALESCE_MILLIS of the last reconcile is not dropped but rescheduled by JOSDK, so a burst (a pod
// starting: bound, pulled, started, ready within a few hundred ms) costs a few reconciles and
// status writes, while a lone notification reaches the status at once.
@RateLimited(
    maxReconciliations = 1,
    within = ClusterTourReconciler.COALESCE_MILLIS,
    unit = TimeUnit.MILLISECONDS)
public class ClusterTourReconciler implements Reconciler<ClusterTour>, Cleaner<ClusterTour> {
  public static final String NAME = "clustertour";

  /** Coalescing window of the rate limiter: at most one reconcile per tour per this many ms. */
  static final int COALESCE_MILLIS = 100;

  /** Logging MDC key holding the tour name. */
  public static final String MDC_TOUR = "tour";

  /** Slack after a stop's deadline, so the rescheduled reconcile lands after it, not before. */
  static final Duration DEADLINE_SLACK = Duration.ofMillis(500);

  /** When a stop whose start had to wait is tried again. */
  static final Duration START_RETRY = Duration.ofSeconds(2);

  /** When a stop that waits for the evidence receivers looks again. */
  static final Duration EVIDENCE_RECHECK = Duration.ofMillis(250);

  /** When a stop whose choice was just stored acts on it (right after the status write). */
  static final Duration AFTER_CHOICE = Duration.ofMillis(1);

  private static final Logger LOG = LoggerFactory.getLogger(ClusterTourReconciler.class);

  private final KubernetesClient client;
  private final ClusterWatcher watcher;
  private final Actions actions;
  private final InventoryReader inventory = new InventoryReader();
  private final TourEventRecorder events;
  private final TourMetrics metrics;
  private final StatusWriter statusWriter;
  private final FlowCatalog catalog;
  private final Clock clock;
  private volatile IndexerResourceCache<ClusterTour> tourCache;
  private volatile Predicate<Instant> evidenceGate = lastSeen -> true;
  private volatile Function<String, List<EvidenceSource>> evidence =
      distribution -> EvidenceSources.of(null, distribution);

  /**
   * @param metrics tour metrics, or null to record none
   * @param instance this operator instance's name for Events (the pod name)
   */
  public ClusterTourReconciler(
      KubernetesClient client, ClusterWatcher watcher, TourMetrics metrics, String instance) {
    this(
        client,
        watcher,
        new Actions(client),
        new TourEventRecorder(client, instance),
        metrics,
        StatusWriter.cached(),
        FlowCatalog.shipped(),
        Clock.systemUTC());
  }

  ClusterTourReconciler(
      KubernetesClient client,
      ClusterWatcher watcher,
      Actions actions,
      TourEventRecorder events,
      TourMetrics metrics,
      StatusWriter statusWriter,
      FlowCatalog catalog,
      Clock clock) {
    this.client = client;
    this.watcher = watcher;
    this.actions = actions;
    this.events = events;
    this.metrics = metrics;
    this.statusWriter = statusWriter;
    this.catalog = catalog;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, ClusterTour>> prepareEventSources(
      EventSourceContext<ClusterTour> context) {
    tourCache = context.getPrimaryCache();
    if (metrics != null) {
      metrics.toursByState(this::toursByState);
    }
    // the watches: JOSDK starts them (and waits for their initial lists) before the first
    // reconcile; each notification is recorded before it wakes the tour tracking its namespace
    return watcher.eventSources(context);
  }

  /**
   * Where the tours' evidence-source lines come from (given the cluster's distribution), and
   * whether the receivers have caught up with a moment (a stop ends only once they have).
   */
  public void reportEvidence(
      Function<String, List<EvidenceSource>> sources, Predicate<Instant> caughtUp) {
    this.evidence = sources;
    this.evidenceGate = caughtUp;
  }

  @Override
  public UpdateControl<ClusterTour> reconcile(ClusterTour tour, Context<ClusterTour> context) {
    MDC.put(MDC_TOUR, tour.getMetadata().getName());
    try {
      TourPlan plan = TourPlan.of(tour.getSpec());
      ClusterTourStatus stored = tour.getStatus();
      ClusterTourStatus status = StatusAligner.align(plan, stored);
      retrackNamespaces(tour, plan, status);
      boolean awaitingEvidence = observeCompareAct(tour, plan, status);
      status.evidence = evidence.apply(status.cluster == null ? null : status.cluster.distribution);
      summarize(tour, status);
      UpdateControl<ClusterTour> control = respond(tour, plan, stored, status, context);
      if (awaitingEvidence) {
        // the receivers wake the tour when they record something of it; this covers a batch
        // that brings nothing of it
        control.rescheduleAfter(EVIDENCE_RECHECK);
      }
      // after the status write, which is what a learner watches: Events are best effort (never
      // thrown) and cost an API call each, hundreds of ms on a busy API server (make bench, N=25)
      announceTransitions(tour, stored, status);
      return control;
    } finally {
      MDC.remove(MDC_TOUR);
    }
  }

  /** After an operator restart, the tour's namespaces are recorded again (replayed from caches). */
  private void retrackNamespaces(ClusterTour tour, TourPlan plan, ClusterTourStatus status) {
    ownedNamespaces(plan, status).forEach(ns -> watcher.track(ns, tour.getMetadata().getName()));
  }

  /** observe → compare → act for the current stop, and the next ones as far as they go. */
  /** Returns whether an ended stop waits for the evidence receivers. */
  private boolean observeCompareAct(ClusterTour tour, TourPlan plan, ClusterTourStatus status) {
    String tourName = tour.getMetadata().getName();
    ClusterView view =
        new ClusterView() {
          @Override
          public ClusterSnapshot snapshot(Stop stop) {
            return SnapshotReader.read(watcher, plan, stop, tourName);
          }

          @Override
          public boolean recorded(Stop stop, ClusterSnapshot snapshot) {
            return SnapshotReader.recorded(watcher, plan, stop, snapshot);
          }

          @Override
          public List<Observation> observations() {
            return observationsOf(ownedNamespaces(plan, status));
          }

          @Override
          public boolean evidenceCaughtUp(Instant lastSeen) {
            return evidenceGate.test(lastSeen);
          }
        };
    StopStarter starter = new ClusterStopStarter(tour, plan, watcher, actions, inventory, client);
    StopGrading grading =
        new StopGrading(catalog, tour.getSpec() == null ? null : tour.getSpec().language);
    TourProgress progress = new TourProgress(plan, view, starter, grading, clock);
    progress.advance(status);
    return progress.awaitingEvidence();
  }

  private void summarize(ClusterTour tour, ClusterTourStatus status) {
    TourSummary.apply(status, tour.getMetadata().getGeneration(), clock.instant());
  }

  /** Events on the tour and stop metrics, once per stop transition. */
  private void announceTransitions(
      ClusterTour tour, ClusterTourStatus stored, ClusterTourStatus status) {
    Instant now = clock.instant();
    for (TransitionEvents.TourEvent event : TransitionEvents.between(stored, status)) {
      LOG.info("{}: {}", event.reason(), event.message());
      events.record(tour, event, now);
    }
    if (metrics != null) {
      FinishedStops.between(stored, status)
          .forEach(
              s -> {
                metrics.stopFinished(
                    Objects.toString(s.type, null),
                    Objects.toString(s.state, null),
                    FinishedStops.duration(s));
                metrics.flowGraded(s);
              });
    }
  }

  private UpdateControl<ClusterTour> respond(
      ClusterTour tour,
      TourPlan plan,
      ClusterTourStatus stored,
      ClusterTourStatus status,
      Context<ClusterTour> context) {
    if (StatusChange.changed(stored, status)) {
      statusWriter.write(tour, status, context);
    }
    // written above, not through UpdateControl.patchStatus: see StatusWriter.cached
    UpdateControl<ClusterTour> control = UpdateControl.noUpdate();
    untilDeadline(plan, status, clock.instant()).ifPresent(control::rescheduleAfter);
    return control;
  }

  /** Deleting a tour: stop recording its namespaces; the garbage collector deletes them. */
  @Override
  public DeleteControl cleanup(ClusterTour tour, Context<ClusterTour> context) {
    MDC.put(MDC_TOUR, tour.getMetadata().getName());
    try {
      TourPlan plan = TourPlan.of(tour.getSpec());
      ClusterTourStatus status = StatusAligner.align(plan, tour.getStatus());
      ownedNamespaces(plan, status).forEach(watcher::untrack);
      LOG.info("Tour deleted; stopped recording its namespaces");
      return DeleteControl.defaultDelete();
    } finally {
      MDC.remove(MDC_TOUR);
    }
  }

  /** A failed reconcile (JOSDK retries it) shows up as Ready=False with the error. */
  @Override
  public ErrorStatusUpdateControl<ClusterTour> updateErrorStatus(
      ClusterTour tour, Context<ClusterTour> context, Exception e) {
    ClusterTourStatus stored = tour.getStatus();
    ClusterTourStatus status =
        stored == null ? new ClusterTourStatus() : StatusAligner.copy(stored);
    status.conditions =
        TourConditions.merge(
            status.conditions,
            List.of(
                new TourConditions.Desired(
                    TourConditions.READY,
                    "False",
                    "ReconcileError",
                    "reconcile failed, retrying: " + e.getMessage())),
            tour.getMetadata().getGeneration(),
            clock.instant());
    if (!StatusChange.changed(stored, status)) {
      return ErrorStatusUpdateControl.defaultErrorProcessing();
    }
    tour.setStatus(status);
    return ErrorStatusUpdateControl.patchStatus(tour);
  }

  /** The tours JOSDK has cached (empty before the controller started), for the web view. */
  public List<ClusterTour> tours() {
    IndexerResourceCache<ClusterTour> cache = tourCache;
    return cache == null ? List.of() : cache.list().toList();
  }

  private Map<String, Long> toursByState() {
    return tours().stream()
        .map(
            t ->
                t.getStatus() == null || t.getStatus().state == null
                    ? "Pending"
                    : t.getStatus().state.name())
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private List<Observation> observationsOf(List<String> namespaces) {
    List<Observation> all = new ArrayList<>();
    for (String ns : namespaces) {
      all.addAll(watcher.observations(ns));
    }
    return all;
  }

  /**
   * Namespaces this tour created (or is creating): its Namespace stops that started and did not
   * fail. A stop that failed found the namespace belonging to someone else.
   */
  static List<String> ownedNamespaces(TourPlan plan, ClusterTourStatus status) {
    List<String> owned = new ArrayList<>();
    for (StopStatus s : status.stops) {
      StopState state = StopState.of(s.state);
      if (state == StopState.Pending || state == StopState.Failed) {
        continue;
      }
      plan.stop(s.name)
          .filter(stop -> stop.type == Stop.StopType.Namespace && stop.namespace != null)
          .map(stop -> stop.namespace.name)
          .ifPresent(owned::add);
    }
    return owned;
  }

  /**
   * When to look again without a trigger: the running stop's deadline (plus slack), a waiting
   * start's retry; empty when nothing runs.
   */
  static Optional<Duration> untilDeadline(TourPlan plan, ClusterTourStatus status, Instant now) {
    return TourSummary.current(status.stops)
        .flatMap(
            s -> {
              if (StopState.of(s.state) == StopState.Pending && s.deletedPod != null) {
                return Optional.of(AFTER_CHOICE);
              }
              if (StopState.of(s.state) == StopState.Pending) {
                // a start that had to wait (NOT_YET): nothing in the tour's namespaces will
                // trigger the retry
                return Optional.of(START_RETRY);
              }
              Instant start = StatusTimes.parse(s.startedAt);
              Optional<Stop> stop = plan.stop(s.name);
              if (start == null || stop.isEmpty()) {
                return Optional.empty();
              }
              // no periodic look: every handled notification of the tour's namespaces wakes it
              Duration left = Duration.between(now, start.plus(plan.timeout(stop.get())));
              return Optional.of((left.isNegative() ? Duration.ZERO : left).plus(DEADLINE_SLACK));
            });
  }
}
