package io.clustertour.operator.bench;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.LatencyPhase;
import io.clustertour.operator.api.PodLatencies;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.api.TimelineEntry;
import io.clustertour.operator.testsupport.EventCoverage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Pod start-up latency of the tours' pods computed the way the reference tools compute it, from
 * what the independent watcher kept: clusterloader2's PodStartupLatency (its timestamp method, as
 * before perf-tests 09a6a61 of 2026-03-14, and its current watch-receive method), kube-burner's
 * podLatency, and the API server's audit times the tour's own timeline carries. Each is compared
 * per pod with the tour's {@code latencies}. Pure; written from reading those tools, not copied.
 */
final class ReferenceLatency {
  static final String CL2 = "clusterloader2 PodStartupLatency (timestamps, perf-tests < 09a6a61)";
  static final String CL2_WATCH =
      "clusterloader2 PodStartupLatency (watch receive, perf-tests HEAD)";
  static final String KUBE_BURNER = "kube-burner podLatency";
  static final String AUDIT = "API server audit times (µs, the tour's timeline)";
  static final List<String> METHODS = List.of(CL2, CL2_WATCH, KUBE_BURNER, AUDIT);

  /** The tour's phase each reference phase is compared with, per method. */
  static final Map<String, Map<String, String>> COMPARED =
      Map.of(
          "createToScheduled",
          Map.of(
              CL2, "create_to_schedule",
              CL2_WATCH, "create_to_schedule",
              KUBE_BURNER, "PodScheduled",
              AUDIT, "createToScheduled"),
          "scheduledToRunning",
          Map.of(
              CL2, "schedule_to_run",
              CL2_WATCH, "schedule_to_run",
              KUBE_BURNER, "containersStarted - PodScheduled",
              AUDIT, "scheduledToRunning"),
          "createToReady",
          Map.of(
              CL2, "pod_startup",
              CL2_WATCH, "pod_startup",
              KUBE_BURNER, "Ready",
              AUDIT, "createToReady"));

  /** Where each reference phase's two ends come from (shown on the page). */
  static final Map<String, String> SOURCES =
      Map.ofEntries(
          Map.entry(CL2 + "|create_to_schedule", "creationTimestamp → Scheduled eventTime"),
          Map.entry(CL2 + "|schedule_to_run", "Scheduled eventTime → max running.startedAt"),
          Map.entry(CL2 + "|run_to_watch", "max running.startedAt → receive of phase Running"),
          Map.entry(CL2 + "|schedule_to_watch", "Scheduled eventTime → receive of phase Running"),
          Map.entry(CL2 + "|pod_startup", "creationTimestamp → receive of phase Running"),
          Map.entry(CL2_WATCH + "|create_to_schedule", "receive of the pod → receive of nodeName"),
          Map.entry(CL2_WATCH + "|schedule_to_run", "receive of nodeName → receive of Running"),
          Map.entry(CL2_WATCH + "|create_to_run", "receive of the pod → receive of Running"),
          Map.entry(CL2_WATCH + "|pod_startup", "receive of the pod → receive of Running"),
          Map.entry(
              KUBE_BURNER + "|PodScheduled",
              "creationTimestamp → Scheduled eventTime (by pod UID; else condition)"),
          Map.entry(
              KUBE_BURNER + "|PodReadyToStartContainers",
              "creationTimestamp → condition lastTransitionTime"),
          Map.entry(
              KUBE_BURNER + "|Initialized", "creationTimestamp → condition lastTransitionTime"),
          Map.entry(
              KUBE_BURNER + "|ContainersReady", "creationTimestamp → condition lastTransitionTime"),
          Map.entry(KUBE_BURNER + "|Ready", "creationTimestamp → condition lastTransitionTime"),
          Map.entry(
              KUBE_BURNER + "|containersStarted",
              "creationTimestamp → latest Started Event's name suffix (ns)"),
          Map.entry(
              KUBE_BURNER + "|containersStarted - PodScheduled",
              "derived here: containersStarted − PodScheduled"),
          Map.entry(AUDIT + "|createToScheduled", "create pods → create pods/binding"),
          Map.entry(
              AUDIT + "|scheduledToRunning",
              "create pods/binding → status write: container running"),
          Map.entry(AUDIT + "|createToReady", "create pods → status write: Ready"));

  private ReferenceLatency() {}

  /** A core/v1 Event about a pod, as the references read it. */
  record PodEvent(
      String podUid,
      String podKey,
      String reason,
      String source,
      Instant eventTime,
      Instant firstTimestamp,
      String name) {}

  /** One reference phase over all the tours' pods it could be computed for (ms). */
  record MethodPhase(String method, String phase, String sources, Stats ms) {}

  /**
   * A tour phase against one reference: the reference over the pods the tour has figures for, and
   * the differences tour − reference for the tour's cluster-clock {@code ms} and its {@code
   * watchMs}.
   */
  record Comparison(
      String tourPhase,
      String method,
      String methodPhase,
      Stats referenceMs,
      Stats tourMs,
      Stats tourMsMinusReference,
      Stats tourWatchMs,
      Stats tourWatchMsMinusReference) {}

  /** Everything for one run. */
  record Result(
      int pods, int podsWithTourFigures, List<MethodPhase> phases, List<Comparison> comparisons) {}

  /** The reference phases of one pod, per method, in ms; a phase is absent when an end is. */
  static Map<String, Map<String, Double>> perPod(
      IndependentWatcher.PodTimes t, List<PodEvent> events, Map<String, Instant> audit) {
    Map<String, Map<String, Double>> m = new LinkedHashMap<>();
    m.put(CL2, clusterloader2(t, events));
    m.put(CL2_WATCH, clusterloader2Watch(t));
    m.put(KUBE_BURNER, kubeBurner(t, events));
    m.put(AUDIT, audit(audit));
    return m;
  }

  /**
   * clusterloader2's method before 09a6a61: at the first receive of phase Running it takes create =
   * creationTimestamp, run = the latest running.startedAt of the containers, watch = that receive
   * time; schedule = the scheduler's Scheduled Event (eventTime, else firstTimestamp). Negative
   * transitions count as 0, as there.
   */
  static Map<String, Double> clusterloader2(IndependentWatcher.PodTimes t, List<PodEvent> events) {
    Instant create = t.creationTimestamp;
    Instant schedule =
        events.stream()
            .filter(e -> "Scheduled".equals(e.reason()) && "default-scheduler".equals(e.source()))
            .filter(e -> t.key != null && t.key.equals(e.podKey()))
            .map(e -> e.eventTime() != null ? e.eventTime() : e.firstTimestamp())
            .filter(x -> x != null)
            // keyed by namespace/name there: the last Event listed wins; take the latest
            .max(Instant::compareTo)
            .orElse(null);
    Instant run = t.runningStartedAtFirstRunning;
    Instant watch = t.running;
    Map<String, Double> p = new LinkedHashMap<>();
    put(p, "create_to_schedule", create, schedule, true);
    put(p, "schedule_to_run", schedule, run, true);
    put(p, "run_to_watch", run, watch, true);
    put(p, "schedule_to_watch", schedule, watch, true);
    put(p, "pod_startup", create, watch, true);
    return p;
  }

  /**
   * clusterloader2 today: every phase is a receive time of the pod watch; run and watch are one.
   */
  static Map<String, Double> clusterloader2Watch(IndependentWatcher.PodTimes t) {
    Map<String, Double> p = new LinkedHashMap<>();
    put(p, "create_to_schedule", t.created, t.scheduled, true);
    put(p, "schedule_to_run", t.scheduled, t.running, true);
    put(p, "create_to_run", t.created, t.running, true);
    put(p, "pod_startup", t.created, t.running, true);
    return p;
  }

  /**
   * kube-burner's podLatency: each figure from creationTimestamp, in whole ms (Go's truncating
   * Milliseconds), negative as 0, only for pods that reached Ready; PodScheduled from the Scheduled
   * Event's eventTime matched by pod UID (the condition when the Event has none), the other
   * conditions from their first lastTransitionTime seen True, containersStarted from the latest
   * Started Event's name suffix (the recorder's UnixNano in hex).
   */
  static Map<String, Double> kubeBurner(IndependentWatcher.PodTimes t, List<PodEvent> events) {
    Map<String, Double> p = new LinkedHashMap<>();
    Instant create = t.creationTimestamp;
    Instant ready = t.conditions.get("Ready");
    if (create == null || ready == null) {
      return p;
    }
    Instant scheduled = null;
    boolean found = false;
    for (PodEvent e : events) {
      if (t.uid != null && t.uid.equals(e.podUid()) && "Scheduled".equals(e.reason())) {
        scheduled = e.eventTime();
        found = true;
        break;
      }
    }
    if (!found || scheduled == null) {
      scheduled = t.conditions.get("PodScheduled");
    }
    Instant started =
        events.stream()
            .filter(e -> t.uid != null && t.uid.equals(e.podUid()) && "Started".equals(e.reason()))
            .map(e -> nameTime(e.name()))
            .filter(x -> x != null)
            .max(Instant::compareTo)
            .orElse(null);
    putTruncated(p, "PodScheduled", create, scheduled);
    putTruncated(
        p, "PodReadyToStartContainers", create, t.conditions.get("PodReadyToStartContainers"));
    putTruncated(p, "Initialized", create, t.conditions.get("Initialized"));
    putTruncated(p, "ContainersReady", create, t.conditions.get("ContainersReady"));
    putTruncated(p, "Ready", create, ready);
    putTruncated(p, "containersStarted", create, started);
    if (p.containsKey("containersStarted") && p.containsKey("PodScheduled")) {
      p.put("containersStarted - PodScheduled", p.get("containersStarted") - p.get("PodScheduled"));
    }
    return p;
  }

  /** The time client-go's recorder put in an Event's name: {@code <object>.<UnixNano in hex>}. */
  static Instant nameTime(String name) {
    if (name == null) {
      return null;
    }
    String[] parts = name.split("\\.");
    if (parts.length < 2) {
      return null;
    }
    try {
      long nanos = Long.parseLong(parts[1], 16);
      return Instant.ofEpochSecond(0, nanos);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The API server's µs times of the pod's writes: created, bound, container running, Ready. */
  static Map<String, Double> audit(Map<String, Instant> audit) {
    Map<String, Double> p = new LinkedHashMap<>();
    if (audit == null) {
      return p;
    }
    put(p, "createToScheduled", audit.get("PodCreated"), audit.get("PodBound"), false);
    put(p, "scheduledToRunning", audit.get("PodBound"), audit.get("ContainerRunning"), false);
    put(p, "createToReady", audit.get("PodCreated"), audit.get("PodReady"), false);
    return p;
  }

  /**
   * Per pod name: the API server's µs time of each start-up write. The create and the binding are
   * merged into the watch entry of the same write (via audit). The kubelet's status writes are
   * audit entries of their own ({@code patch pods/status}, Metadata level: no body, no
   * resourceVersion), so the write that made a watch step (ContainerRunning, PodReady) is taken as
   * the last such patch the API server had answered before the operator received the step; a second
   * patch answered in between would be taken instead (error: one status write).
   */
  static Map<String, Map<String, Instant>> auditTimes(ClusterTour tour) {
    Map<String, Map<String, Instant>> byPod = new HashMap<>();
    if (tour.getStatus() == null) {
      return byPod;
    }
    Map<String, List<Instant[]>> patches = new HashMap<>();
    Map<String, Map<String, Instant>> received = new HashMap<>();
    for (StopStatus s : tour.getStatus().stops) {
      for (TimelineEntry e : s.timeline) {
        if (e.object == null || !e.object.startsWith("Pod/")) {
          continue;
        }
        String pod = e.object.substring(4);
        Instant at = "us".equals(e.precision) ? EventCoverage.parse(e.time) : null;
        if ("audit".equals(e.source) && "patch pods/status".equals(e.reason) && at != null) {
          Instant until = EventCoverage.parse(e.until);
          patches
              .computeIfAbsent(pod, k -> new ArrayList<>())
              .add(new Instant[] {at, until == null ? at : until});
        } else if ("watch".equals(e.source) && e.receivedAt != null) {
          Instant r = EventCoverage.parse(e.receivedAt);
          if (r != null) {
            received
                .computeIfAbsent(pod, k -> new HashMap<>())
                .merge(e.reason, r, ReferenceLatency::min);
          }
        }
        if (e.via != null && e.via.contains("audit") && at != null) {
          byPod
              .computeIfAbsent(pod, k -> new HashMap<>())
              .merge(e.reason, at, ReferenceLatency::min);
        }
      }
    }
    received.forEach(
        (pod, steps) -> {
          for (String step : List.of("ContainerRunning", "PodReady")) {
            Instant r = steps.get(step);
            if (r == null) {
              continue;
            }
            patches.getOrDefault(pod, List.of()).stream()
                .filter(p -> !p[1].isAfter(r))
                .map(p -> p[0])
                .max(Instant::compareTo)
                .ifPresent(at -> byPod.computeIfAbsent(pod, k -> new HashMap<>()).put(step, at));
          }
        });
    return byPod;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** All methods over the tours' pods, and each compared with the tour's own figures. */
  static Result analyze(
      Collection<ClusterTour> tours,
      Map<String, IndependentWatcher.PodTimes> pods,
      List<PodEvent> events) {
    Map<String, Map<String, List<Double>>> all = new LinkedHashMap<>();
    Map<String, List<Double>[]> cmp = new LinkedHashMap<>();
    int count = 0;
    Set<String> withTour = new java.util.HashSet<>();
    Map<String, List<PodEvent>> eventsByKey =
        events.stream().collect(Collectors.groupingBy(e -> String.valueOf(e.podKey())));
    Map<String, List<PodEvent>> eventsByUid =
        events.stream().collect(Collectors.groupingBy(e -> String.valueOf(e.podUid())));
    for (ClusterTour tour : tours) {
      if (tour == null || tour.getStatus() == null) {
        continue;
      }
      Set<String> namespaces = namespaces(tour);
      Map<String, Map<String, Instant>> audit = auditTimes(tour);
      Map<String, PodLatencies> tourFigures = tourFigures(tour);
      for (Map.Entry<String, IndependentWatcher.PodTimes> p : pods.entrySet()) {
        String ns = p.getKey().substring(0, p.getKey().indexOf('/'));
        if (!namespaces.contains(ns)) {
          continue;
        }
        String name = p.getKey().substring(ns.length() + 1);
        IndependentWatcher.PodTimes t = p.getValue();
        List<PodEvent> mine = new ArrayList<>(eventsByKey.getOrDefault(p.getKey(), List.of()));
        if (t.uid != null) {
          for (PodEvent e : eventsByUid.getOrDefault(t.uid, List.of())) {
            if (!mine.contains(e)) {
              mine.add(e);
            }
          }
        }
        Map<String, Map<String, Double>> ref = perPod(t, mine, audit.get(name));
        count++;
        ref.forEach(
            (method, phases) ->
                phases.forEach(
                    (phase, v) ->
                        all.computeIfAbsent(method, k -> new LinkedHashMap<>())
                            .computeIfAbsent(phase, k -> new ArrayList<>())
                            .add(v)));
        PodLatencies own = tourFigures.get(name);
        if (own == null) {
          continue;
        }
        withTour.add(p.getKey());
        for (String tourPhase : COMPARED.keySet()) {
          LatencyPhase lp = phase(own, tourPhase);
          for (String method : METHODS) {
            String mp = COMPARED.get(tourPhase).get(method);
            Double r = ref.get(method).get(mp);
            if (r == null || lp == null) {
              continue;
            }
            @SuppressWarnings("unchecked")
            List<Double>[] lists =
                cmp.computeIfAbsent(
                    tourPhase + "|" + method,
                    k ->
                        new List[] {
                          new ArrayList<>(),
                          new ArrayList<>(),
                          new ArrayList<>(),
                          new ArrayList<>(),
                          new ArrayList<>()
                        });
            lists[0].add(r);
            if (lp.ms != null) {
              lists[1].add(lp.ms.doubleValue());
              lists[2].add(lp.ms - r);
            }
            if (lp.watchMs != null) {
              lists[3].add(lp.watchMs.doubleValue());
              lists[4].add(lp.watchMs - r);
            }
          }
        }
      }
    }
    List<MethodPhase> phases = new ArrayList<>();
    all.forEach(
        (method, byPhase) ->
            byPhase.forEach(
                (phase, v) ->
                    phases.add(
                        new MethodPhase(
                            method,
                            phase,
                            SOURCES.getOrDefault(method + "|" + phase, ""),
                            Stats.of(v)))));
    List<Comparison> comparisons = new ArrayList<>();
    for (String tourPhase : List.of("createToScheduled", "scheduledToRunning", "createToReady")) {
      for (String method : METHODS) {
        List<Double>[] l = cmp.get(tourPhase + "|" + method);
        if (l == null) {
          continue;
        }
        comparisons.add(
            new Comparison(
                tourPhase,
                method,
                COMPARED.get(tourPhase).get(method),
                Stats.of(l[0]),
                Stats.of(l[1]),
                Stats.of(l[2]),
                Stats.of(l[3]),
                Stats.of(l[4])));
      }
    }
    return new Result(count, withTour.size(), phases, comparisons);
  }

  /** The tour's own figures by pod name: every stop's first pod and its slowest one. */
  static Map<String, PodLatencies> tourFigures(ClusterTour tour) {
    Map<String, PodLatencies> m = new LinkedHashMap<>();
    for (StopStatus s : tour.getStatus().stops) {
      if (s.latencies == null) {
        continue;
      }
      for (PodLatencies p : java.util.Arrays.asList(s.latencies.first, s.latencies.slowest)) {
        if (p != null && p.pod != null) {
          m.putIfAbsent(p.pod, p);
        }
      }
    }
    return m;
  }

  private static LatencyPhase phase(PodLatencies p, String name) {
    Map<String, Function<PodLatencies, LatencyPhase>> get =
        Map.of(
            "createToScheduled", x -> x.createToScheduled,
            "scheduledToRunning", x -> x.scheduledToRunning,
            "createToReady", x -> x.createToReady);
    return get.get(name).apply(p);
  }

  private static Set<String> namespaces(ClusterTour tour) {
    return tour.getSpec().stops.stream()
        .filter(s -> s.type == Stop.StopType.Namespace && s.namespace != null)
        .map(s -> s.namespace.name)
        .collect(Collectors.toSet());
  }

  private static void put(
      Map<String, Double> p, String phase, Instant from, Instant to, boolean clampAtZero) {
    if (from == null || to == null) {
      return;
    }
    double ms = RunAnalysis.ms(from, to);
    p.put(phase, clampAtZero ? Math.max(0, ms) : ms);
  }

  private static void putTruncated(Map<String, Double> p, String phase, Instant from, Instant to) {
    if (from == null || to == null) {
      return;
    }
    long ms = java.time.Duration.between(from, to).toMillis();
    p.put(phase, (double) Math.max(0, ms));
  }
}
