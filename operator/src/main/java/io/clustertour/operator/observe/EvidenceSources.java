package io.clustertour.operator.observe;

import io.clustertour.operator.api.EvidenceSource;
import io.clustertour.operator.receive.Receivers;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Which evidence this cluster gives a tour, from what the receivers have actually received. */
public final class EvidenceSources {
  static final String GUIDE = "see docs/evidence.md";

  private EvidenceSources() {}

  /**
   * The sources, strongest first.
   *
   * @param receivers the operator's receivers, or null when none were started
   * @param distribution what the Inventory made of the cluster (e.g. "aks"), or null
   */
  public static List<EvidenceSource> of(Receivers receivers, String distribution) {
    boolean managed = distribution != null && isManaged(distribution);
    String auditProblem =
        receivers == null ? "the operator started no receivers" : receivers.auditProblem();
    String traceProblem =
        receivers == null ? "the operator started no receivers" : receivers.traceProblem();
    boolean audited = receivers != null && receivers.auditStats().received() > 0;
    Set<String> tracing = receivers == null ? Set.of() : receivers.traceStats().senders();
    return List.of(
        direct(
            "audit",
            audited,
            "every component's requests, as the API server's audit webhook posts them",
            missing(
                auditProblem,
                managed,
                "the API server sent no audit batch here",
                "--audit-webhook-config-file")),
        direct(
            "apiserver-traces",
            tracing.contains("apiserver"),
            "the API server's own spans, with the etcd write of each object",
            missing(
                traceProblem,
                managed,
                "no span from the API server arrived",
                "--tracing-config-file")),
        direct(
            "kubelet-traces",
            tracing.contains("kubelet"),
            "the kubelet's own spans, with its CRI calls to the container runtime",
            missing(
                traceProblem,
                false,
                "no span from a kubelet arrived",
                "the kubelet's tracing: setting")),
        new EvidenceSource("events", "observed", true, "Events of the tour's namespaces, watched"),
        new EvidenceSource(
            "watches", "observed", true, "the tour's objects, watched (writes by etcd revision)"));
  }

  private static EvidenceSource direct(String source, boolean available, String what, String why) {
    return new EvidenceSource(source, "direct", available, available ? what : why);
  }

  private static String missing(String problem, boolean managed, String silent, String flag) {
    if (managed) {
      return "managed control plane: its API server cannot send to a receiver in the cluster;"
          + " verdicts fall back to observed and inferred evidence";
    }
    if (problem != null) {
      return problem + "; " + GUIDE;
    }
    return silent + " (is it started with " + flag + " pointing at the operator?); " + GUIDE;
  }

  /** How long after a moment the receivers' batches may still bring its records. */
  static final java.time.Duration BATCH_DELAY = java.time.Duration.ofMillis(300);

  /** How long a stop waits for them at most: a silent receiver must not hold a tour. */
  static final java.time.Duration MAX_WAIT = java.time.Duration.ofMillis(1500);

  /**
   * Whether every receiver that has been hearing from the cluster has received a batch later than
   * {@code lastSeen} plus {@link #BATCH_DELAY}, or the wait is over.
   */
  public static boolean caughtUp(
      Receivers receivers, java.time.Instant lastSeen, java.time.Instant now) {
    if (receivers == null || lastSeen == null || !now.isBefore(lastSeen.plus(MAX_WAIT))) {
      return true;
    }
    long after = lastSeen.plus(BATCH_DELAY).toEpochMilli();
    return heardAfter(receivers.auditStats(), after) && heardAfter(receivers.traceStats(), after);
  }

  private static boolean heardAfter(
      io.clustertour.operator.receive.ReceiverStats stats, long after) {
    return stats.received() == 0 || stats.lastReceivedMillis() >= after;
  }

  static boolean isManaged(String distribution) {
    String d = distribution.toLowerCase(Locale.ROOT);
    return d.contains("aks") || d.contains("eks") || d.contains("gke");
  }
}
