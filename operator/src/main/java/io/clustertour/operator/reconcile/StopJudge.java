package io.clustertour.operator.reconcile;

import io.clustertour.operator.api.Stop;
import io.clustertour.operator.observe.Endpoints;
import io.clustertour.operator.observe.Observation;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a running stop is done, has diverged from the documented flow or still waits (and
 * for what). A pure function of the stop, a cache snapshot and the stop window's observations, so
 * every transition can be tested without a cluster.
 */
public final class StopJudge {
  private StopJudge() {}

  /** The verdict on a running stop, ignoring its deadline (see {@link #withDeadline}). */
  public static Judgement judge(
      Stop stop,
      ClusterSnapshot snapshot,
      List<Observation> window,
      Instant startedAt,
      String namespace) {
    return switch (stop.type) {
      case Inventory -> Judgement.completed("cluster inventory read");
      case Namespace -> namespace(snapshot, namespace);
      case Deployment ->
          diverged(snapshot, window).orElseGet(() -> deployment(snapshot, replicasOf(stop)));
      case Scale ->
          diverged(snapshot, window)
              .orElseGet(() -> scale(snapshot, stop.scale == null ? 0 : stop.scale.replicas));
      case DeletePod -> diverged(snapshot, window).orElseGet(() -> deletePod(snapshot, startedAt));
      case Job -> diverged(snapshot, window).orElseGet(() -> job(snapshot));
      case Service -> service(snapshot, stop.target);
    };
  }

  /** Reason of a stop that looks ended while the watcher has not recorded all it shows yet. */
  public static final String RECORDING = "RecordingBehind";

  /**
   * An end (Completed, Diverged) only once the watcher has recorded the cache state it was judged
   * on ({@code recorded}); until then the stop waits, so its timeline and verdicts are graded on
   * the same view that ended it. The watcher's notification after recording wakes the tour.
   */
  public static Judgement onceRecorded(Judgement judgement, boolean recorded) {
    if (judgement.isWaiting() || recorded) {
      return judgement;
    }
    return Judgement.waiting(
        RECORDING,
        "looks "
            + judgement.state()
            + " on the watch caches; waiting for the watcher to record what it shows: "
            + judgement.message());
  }

  /**
   * An end only once the evidence receivers caught up with what the end was judged on: the audit
   * batch and spans of the last writes arrive a little after their watch notifications.
   */
  public static Judgement onceEvidenceArrived(Judgement judgement, boolean caughtUp) {
    if (judgement.isWaiting() || caughtUp) {
      return judgement;
    }
    return Judgement.waiting(
        RECORDING,
        "looks "
            + judgement.state()
            + "; waiting for the audit stream and traces of its last writes: "
            + judgement.message());
  }

  /** Turns a still-waiting judgement into TimedOut once the stop's time is up. */
  public static Judgement withDeadline(
      Judgement judgement, Instant startedAt, Duration timeout, Instant now) {
    if (!judgement.isWaiting() || now.isBefore(startedAt.plus(timeout))) {
      return judgement;
    }
    return new Judgement(
        StopState.TimedOut,
        judgement.reason(),
        "timed out after " + timeout.toSeconds() + "s: " + judgement.message());
  }

  private static Optional<Judgement> diverged(ClusterSnapshot s, List<Observation> window) {
    return PodTrouble.find(s.pods(), s.job(), window);
  }

  static Judgement namespace(ClusterSnapshot s, String name) {
    Namespace ns = s.namespace();
    if (ns == null) {
      return Judgement.waiting(
          "NamespaceNotSeen", "namespace " + name + " not seen on the watch yet");
    }
    List<String> missing = new ArrayList<>();
    String phase = ns.getStatus() == null ? null : ns.getStatus().getPhase();
    if (!"Active".equals(phase)) {
      missing.add("namespace phase is " + phase + ", not Active");
    }
    if (!s.defaultServiceAccount()) {
      missing.add(
          "no ServiceAccount default from the serviceaccount-controller (a silent step: it"
              + " creates an object, not an Event)");
    }
    if (!s.rootCaConfigMap()) {
      missing.add("no ConfigMap kube-root-ca.crt from the root-ca-cert-publisher (a silent step)");
    }
    if (missing.isEmpty()) {
      return Judgement.completed(
          "namespace "
              + name
              + " is Active; the serviceaccount-controller created ServiceAccount default and the"
              + " root-ca-cert-publisher published ConfigMap kube-root-ca.crt, without Events");
    }
    String reason =
        !"Active".equals(phase)
            ? "NamespaceNotActive"
            : !s.defaultServiceAccount() ? "ServiceAccountMissing" : "RootCaConfigMapMissing";
    return Judgement.waiting(reason, String.join("; ", missing));
  }

  static Judgement deployment(ClusterSnapshot s, int replicas) {
    Deployment d = s.deployment();
    if (d == null) {
      return Judgement.waiting("DeploymentNotSeen", "Deployment not seen on the watch yet");
    }
    String name = d.getMetadata().getName();
    List<Pod> live = live(s.pods());
    if (replicas == 0) {
      return s.pods().isEmpty()
          ? Judgement.completed("Deployment " + name + " exists with 0 pods, as asked")
          : Judgement.waiting("PodsRemaining", s.pods().size() + " pod(s) still exist");
    }
    Optional<Judgement> podsMissing = podsMissing(live, replicas, "replicaset-controller");
    if (podsMissing.isPresent()) {
      return podsMissing.get();
    }
    return PodProgress.laggard(live)
        .or(() -> notAvailable(d, replicas))
        .orElseGet(
            () ->
                Judgement.completed(
                    "Deployment "
                        + name
                        + " is Available with "
                        + replicas
                        + "/"
                        + replicas
                        + " pods Ready"));
  }

  static Judgement scale(ClusterSnapshot s, int replicas) {
    Deployment d = s.deployment();
    if (d == null) {
      return Judgement.waiting("DeploymentNotSeen", "target Deployment not seen on the watch");
    }
    String name = d.getMetadata().getName();
    Integer specReplicas = d.getSpec() == null ? null : d.getSpec().getReplicas();
    if (!Objects.equals(specReplicas, replicas)) {
      return Judgement.waiting(
          "ScaleNotSeen", "spec.replicas of Deployment " + name + " still " + specReplicas);
    }
    int extra = s.pods().size() - replicas;
    if (extra > 0) {
      return Judgement.waiting(
          "PodsRemaining",
          extra
              + " pod(s) more than "
              + replicas
              + " still exist (replicaset-controller SuccessfulDelete, kubelet Killing)");
    }
    List<Pod> live = live(s.pods());
    Optional<Judgement> podsMissing = podsMissing(live, replicas, "replicaset-controller");
    if (podsMissing.isPresent()) {
      return podsMissing.get();
    }
    return PodProgress.laggard(live)
        .or(() -> notAvailable(d, replicas))
        .orElseGet(
            () ->
                Judgement.completed(
                    "Deployment "
                        + name
                        + " scaled to "
                        + replicas
                        + " with "
                        + replicas
                        + " ready and no extra pods left"));
  }

  static Judgement deletePod(ClusterSnapshot s, Instant startedAt) {
    Deployment d = s.deployment();
    if (d == null) {
      return Judgement.waiting("DeploymentNotSeen", "target Deployment not seen on the watch");
    }
    // creationTimestamp has second precision: compare against the stop start's second
    Instant since = startedAt.truncatedTo(ChronoUnit.SECONDS);
    List<Pod> replacements =
        live(s.pods()).stream().filter(p -> !created(p).isBefore(since)).toList();
    if (replacements.isEmpty()) {
      return Judgement.waiting(
          "NoReplacementPod",
          "no replacement pod yet (replicaset-controller SuccessfulCreate after the deletion)");
    }
    int replicas = replicasOf(d);
    return PodProgress.laggard(replacements)
        .or(() -> notAvailable(d, replicas))
        .or(() -> stillTerminating(s.pods()))
        .orElseGet(
            () ->
                Judgement.completed(
                    "replacement pod "
                        + replacements.get(0).getMetadata().getName()
                        + " is Ready; Deployment "
                        + d.getMetadata().getName()
                        + " is Available again"));
  }

  /**
   * The deleted pod must also be gone: its removal (after the kubelet killed its containers) is a
   * step of the documented flow.
   */
  private static Optional<Judgement> stillTerminating(List<Pod> pods) {
    return pods.stream()
        .filter(PodProgress::isTerminating)
        .findFirst()
        .map(
            p ->
                Judgement.waiting(
                    "DeletedPodTerminating",
                    "deleted pod "
                        + p.getMetadata().getName()
                        + " still terminating (the kubelet stops its containers, then the pod is"
                        + " removed)"));
  }

  static Judgement job(ClusterSnapshot s) {
    Job job = s.job();
    if (job == null) {
      return Judgement.waiting("JobNotSeen", "Job not seen on the watch yet");
    }
    String name = job.getMetadata().getName();
    JobCondition complete = PodTrouble.jobCondition(job, "Complete");
    if (complete != null && "True".equals(complete.getStatus())) {
      return Judgement.completed("Job " + name + " is Complete");
    }
    List<Pod> live = live(s.pods());
    if (live.isEmpty()) {
      return Judgement.waiting(
          "NoPodCreated", "no pod yet (no job-controller SuccessfulCreate) for Job " + name);
    }
    return PodProgress.laggard(live)
        .orElseGet(() -> Judgement.waiting("JobNotComplete", "Job " + name + " not Complete yet"));
  }

  static Judgement service(ClusterSnapshot s, String serviceName) {
    Deployment d = s.deployment();
    if (d == null) {
      return Judgement.waiting("TargetNotSeen", "target Deployment not seen on the watch");
    }
    if (s.endpointSlices().isEmpty()) {
      return Judgement.waiting(
          "NoEndpointSlice",
          "no EndpointSlice for Service "
              + serviceName
              + " yet (the endpointslice-controller creates it silently)");
    }
    int endpoints = s.endpointSlices().stream().mapToInt(Endpoints::ready).sum();
    int ready = orZero(d.getStatus() == null ? null : d.getStatus().getReadyReplicas());
    String counts =
        "EndpointSlices of Service "
            + serviceName
            + " hold "
            + endpoints
            + " ready endpoint(s); Deployment "
            + d.getMetadata().getName()
            + " has "
            + ready
            + " ready pod(s)";
    return endpoints == ready
        ? Judgement.completed(counts)
        : Judgement.waiting("EndpointsNotReady", counts);
  }

  private static Optional<Judgement> podsMissing(List<Pod> live, int replicas, String creator) {
    if (live.size() >= replicas) {
      return Optional.empty();
    }
    return Optional.of(
        Judgement.waiting(
            live.isEmpty() ? "NoPodCreated" : "PodsNotCreated",
            live.size()
                + "/"
                + replicas
                + " pods created (waiting for "
                + creator
                + " SuccessfulCreate)"));
  }

  private static Optional<Judgement> notAvailable(Deployment d, int replicas) {
    var status = d.getStatus();
    boolean current =
        status != null
            && status.getObservedGeneration() != null
            && d.getMetadata().getGeneration() != null
            && status.getObservedGeneration() >= d.getMetadata().getGeneration();
    int ready = orZero(status == null ? null : status.getReadyReplicas());
    int total = orZero(status == null ? null : status.getReplicas());
    // every pod available, not just enough for the Available condition: each one stayed Ready
    // for minReadySeconds, so none of them crashed right after starting
    int availableNow = orZero(status == null ? null : status.getAvailableReplicas());
    if (current
        && available(d)
        && ready == replicas
        && total == replicas
        && availableNow == replicas) {
      return Optional.empty();
    }
    return Optional.of(
        Judgement.waiting(
            "DeploymentNotAvailable",
            "Deployment "
                + d.getMetadata().getName()
                + " not Available yet ("
                + ready
                + "/"
                + replicas
                + " ready)"));
  }

  private static boolean available(Deployment d) {
    if (d.getStatus() == null || d.getStatus().getConditions() == null) {
      return false;
    }
    for (DeploymentCondition c : d.getStatus().getConditions()) {
      if ("Available".equals(c.getType())) {
        return "True".equals(c.getStatus());
      }
    }
    return false;
  }

  private static List<Pod> live(List<Pod> pods) {
    return pods.stream().filter(p -> !PodProgress.isTerminating(p)).toList();
  }

  private static Instant created(Pod pod) {
    Instant t = StatusTimes.parse(pod.getMetadata().getCreationTimestamp());
    return t == null ? Instant.EPOCH : t;
  }

  private static int replicasOf(Stop stop) {
    return stop.deployment == null || stop.deployment.replicas == null
        ? 1
        : stop.deployment.replicas;
  }

  private static int replicasOf(Deployment d) {
    return d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
