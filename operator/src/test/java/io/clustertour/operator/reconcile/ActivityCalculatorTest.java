package io.clustertour.operator.reconcile;

import static io.clustertour.operator.reconcile.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.clustertour.operator.api.ActivitySpan;
import io.clustertour.operator.observe.Observation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityCalculatorTest {
  @Test
  void aNamespaceStopIsBusyForItsEvidenceNotForTheOperatorsRechecks() {
    // the stop itself ran 3.7 s (startedAt→finishedAt); the cluster was done after 240 ms
    List<Observation> window =
        List.of(
            Fixtures.watch("clustertour-operator", "NamespaceCreated", "Namespace", "ns", 10),
            Fixtures.watch("kube-apiserver", "NamespaceActive", "Namespace", "ns", 11),
            Fixtures.watch(
                "serviceaccount-controller", "ServiceAccountCreated", "ServiceAccount", "d", 200),
            Fixtures.watch("root-ca-cert-publisher", "ConfigMapCreated", "ConfigMap", "ca", 250));

    ActivitySpan a = ActivityCalculator.of(window);

    assertEquals(240L, a.ms);
    assertEquals("ms", a.precision, "receive times only: nothing better is known");
    assertEquals(window.get(0).seq(), a.firstSeq);
    assertEquals(window.get(3).seq(), a.lastSeq);
    assertEquals(240L, a.watchMs);
  }

  @Test
  void ownSecondPrecisionTimesMakeTheSpanWholeSecondsAndKeepTheWatchSpanApart() {
    List<Observation> window =
        List.of(
            own("NamespaceCreated", 10, "2025-03-01T10:00:00Z", Observation.SECONDS),
            own("ServiceAccountCreated", 200, "2025-03-01T10:00:00Z", Observation.SECONDS),
            own("ConfigMapCreated", 900, "2025-03-01T10:00:01Z", Observation.SECONDS));

    ActivitySpan a = ActivityCalculator.of(window);

    assertEquals(1000L, a.ms);
    assertEquals("s", a.precision);
    assertEquals(890L, a.watchMs);
  }

  @Test
  void theCoarserEndDecidesThePrecision() {
    List<Observation> window =
        List.of(
            own("Scheduled", 80, "2025-03-01T10:00:00.262000Z", Observation.MICROS),
            Fixtures.watch("kubelet", "PodReady", "Pod", "web-1", 500));

    ActivitySpan a = ActivityCalculator.of(window);

    assertEquals("ms", a.precision);
    assertEquals(488L, a.ms, "10:00:00.262 (scheduler) to 10:00:00.750 (received)");
  }

  @Test
  void replayedEvidenceHasNoWatchSpanAndInventoryIsNoClusterActivity() {
    Observation replayed =
        Fixtures.observation(
            Observation.WATCH, "kubelet", "PodReady", "Pod", "web-1", -5_000, true);

    assertNull(ActivityCalculator.of(List.of(replayed)).watchMs);
    assertEquals("s", ActivityCalculator.of(List.of(replayed)).precision);
    assertNull(
        ActivityCalculator.of(
            List.of(
                Fixtures.observation(
                    Observation.INVENTORY, "kubelet", "NodeReady", "Node", "n1", 0, false))));
  }

  @Test
  void theSpanOpensWithTheOperatorsRequestNotAWholeSecondBeforeIt() {
    // as the namespace stop printed it: "Cluster activity 0 s ±1 s (precision s, seq 60 → 59)"
    Observation created = request("NamespaceCreated", 13, "2025-03-01T10:00:00.456Z", "33114");
    Observation active = request("NamespaceActive", 13, "2025-03-01T10:00:00.456Z", "33114");
    Observation configMap =
        own("ConfigMapCreated", 19, "2025-03-01T10:00:00Z", Observation.SECONDS, "33115");
    Observation account =
        own("ServiceAccountCreated", 24, "2025-03-01T10:00:00Z", Observation.SECONDS, "33116");

    ActivitySpan a = ActivityCalculator.of(List.of(created, active, configMap, account));

    assertEquals(created.seq(), a.firstSeq);
    assertEquals(account.seq(), a.lastSeq);
    assertEquals("s", a.precision);
  }

  @Test
  void withPreciseTimesTheSpanRunsFromTheRequestSentToTheLastWrite() {
    // as the recording printed it: "Cluster activity 3 ms (precision ms, seq 3 → 2)"
    Observation created = request("NamespaceCreated", 70, "2025-03-01T10:00:00.305Z", "11227");
    Observation active = request("NamespaceActive", 70, "2025-03-01T10:00:00.305Z", "11227");
    Observation account =
        own(
            "ServiceAccountCreated",
            72,
            "2025-03-01T10:00:00.315562Z",
            Observation.MICROS,
            "11228");
    Observation configMap =
        own("ConfigMapCreated", 74, "2025-03-01T10:00:00.315763Z", Observation.MICROS, "11229");

    ActivitySpan a = ActivityCalculator.of(List.of(created, active, account, configMap));

    assertEquals(created.seq(), a.firstSeq);
    assertEquals(configMap.seq(), a.lastSeq);
    assertEquals("ms", a.precision);
    assertEquals(10L, a.ms, "10:00:00.305 (sent) to 10:00:00.315763 (written)");
  }

  private static Observation request(String reason, long afterMs, String sent, String rv) {
    return new Observation(
        T0.toEpochMilli() + afterMs + (reason.endsWith("Active") ? 1 : 0),
        T0.plusMillis(afterMs),
        "tour-ns",
        Observation.REQUEST,
        reason,
        "clustertour-operator",
        "Namespace",
        "ns",
        null,
        reason,
        java.time.Instant.parse(sent),
        Observation.MILLIS,
        rv,
        1,
        false,
        false,
        reason,
        0);
  }

  private static Observation own(
      String reason, long afterMs, String time, String precision, String rv) {
    Observation o = own(reason, afterMs, time, precision);
    return new Observation(
        o.seq(),
        o.receivedAt(),
        o.namespace(),
        o.source(),
        o.reason(),
        o.component(),
        o.kind(),
        o.name(),
        o.uid(),
        o.message(),
        o.time(),
        o.precision(),
        rv,
        o.count(),
        o.series(),
        o.recovered(),
        o.key(),
        o.repeats());
  }

  private static Observation own(String reason, long afterMs, String time, String precision) {
    return new Observation(
        T0.toEpochMilli() + afterMs,
        T0.plusMillis(afterMs),
        "tour-ns",
        Observation.MICROS.equals(precision) ? Observation.EVENT : Observation.WATCH,
        reason,
        "c",
        "Namespace",
        "ns",
        null,
        reason,
        java.time.Instant.parse(time),
        precision,
        "1",
        1,
        false,
        false,
        reason,
        0);
  }
}
