package io.clustertour.operator.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.diagram.Arrow.Style;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObservedDiagramTest {
  private static final StopStatus WEB = RecordedStops.named("web");

  private static List<Arrow> between(SequenceDiagram d, String from, String to) {
    return d.arrows().stream().filter(a -> a.from().equals(from) && a.to().equals(to)).toList();
  }

  @Test
  void everyComponentTalksOnlyToTheApiServerAndTheKubeletToItsRuntime() {
    SequenceDiagram d = ObservedDiagram.of(WEB);
    for (Arrow a : d.arrows()) {
      boolean toApiServer = a.to().equals("kube-apiserver");
      boolean apiServerToEtcd = a.from().equals("kube-apiserver") && a.to().equals("etcd");
      boolean cri = a.from().startsWith("kubelet") && a.to().startsWith("runtime");
      assertTrue(toApiServer || apiServerToEtcd || cri || a.isRemark(), a.toString());
    }
    assertFalse(between(d, "scheduler:default-scheduler", "kube-apiserver").isEmpty());
    assertTrue(d.arrows().stream().noneMatch(a -> a.to().startsWith("scheduler")));
  }

  @Test
  void everyTimelineEntryIsDrawnAndTheEtcdWritesAreExtraArrows() {
    SequenceDiagram d = ObservedDiagram.of(WEB);
    long traced =
        WEB.timeline.stream()
            .filter(e -> e.via != null && e.via.contains("trace") && !"trace".equals(e.source))
            .count();
    assertEquals(WEB.timeline.size() + traced, d.arrows().size());
    List<Arrow> etcd = between(d, "kube-apiserver", "etcd");
    assertEquals(traced, etcd.size());
    assertTrue(
        etcd.get(0).label().startsWith("Txn /deployments/tour-unseen/web"), etcd.get(0).label());
  }

  @Test
  void auditedRequestsAreDirectWatchedWritesAreNotAndEventsAreEvents() {
    SequenceDiagram d = ObservedDiagram.of(WEB);
    Arrow binding =
        d.arrows().stream().filter(a -> a.label().startsWith("PodBound")).findFirst().orElseThrow();
    assertEquals(Style.DIRECT, binding.style(), "the binding was audited");
    Arrow ready =
        d.arrows().stream().filter(a -> a.label().startsWith("PodReady")).findFirst().orElseThrow();
    assertEquals(Style.WATCH, ready.style(), "PodReady is known from the watch only");
    Arrow scheduled =
        d.arrows().stream()
            .filter(a -> a.label().startsWith("Event Scheduled"))
            .findFirst()
            .orElseThrow();
    assertEquals(Style.EVENT, scheduled.style());
  }

  @Test
  void criCallsGoToTheRuntimeOfTheKubeletsNodeWithTheirDuration() {
    SequenceDiagram d = ObservedDiagram.of(WEB);
    List<Arrow> cri = between(d, "kubelet:vm", "runtime:vm");
    assertFalse(cri.isEmpty());
    assertTrue(
        cri.get(0).label().matches("RunPodSandbox \\d+(\\.\\d+)? ms · at .*"), cri.get(0).label());
    // one kubelet lifeline per node: rows that do not name the node go to the pod's node
    assertEquals(1, d.lifelines().stream().filter(l -> l.lane() == Lane.KUBELET).count());
  }

  @Test
  void theTimeColumnIsTheMonotonicBoundAndPreciseTimesGoWithTheirClock() {
    SequenceDiagram d = ObservedDiagram.of(WEB);
    Arrow audited =
        d.arrows().stream()
            .filter(a -> a.label().startsWith("patch pods/status"))
            .findFirst()
            .orElseThrow();
    assertTrue(audited.when().matches("by \\+\\d+ ms"), audited.when());
    assertTrue(
        audited.label().matches(".* · at \\+\\d+\\.\\d{3} ms \\(API server's clock\\)"),
        audited.label());
    Arrow event =
        d.arrows().stream()
            .filter(a -> a.label().startsWith("Event Pulled"))
            .findFirst()
            .orElseThrow();
    assertTrue(event.when().matches("by \\+\\d+ ms"), event.when());
    // rows on different clocks (audit, kubelet spans, Events) never make the column run backwards
    double shown = Double.NEGATIVE_INFINITY;
    for (Arrow a : d.arrows()) {
      if (a.when() == null) {
        continue;
      }
      double ms = Double.parseDouble(a.when().replaceAll("[^0-9.+-]", ""));
      assertTrue(ms >= shown, a.when() + " after " + shown + ": " + a.label());
      shown = ms;
    }
  }

  @Test
  void lifelinesFollowTheControlPlaneFromClientToRuntime() {
    List<Lane> lanes = ObservedDiagram.of(WEB).lifelines().stream().map(Lifeline::lane).toList();
    for (int i = 1; i < lanes.size(); i++) {
      assertTrue(lanes.get(i - 1).compareTo(lanes.get(i)) <= 0, lanes.toString());
    }
    assertEquals(Lane.CLIENT, lanes.get(0));
  }

  @Test
  void aFailedCriCallSaysSo() {
    SequenceDiagram broken = ObservedDiagram.of(RecordedStops.named("broken"));
    Arrow pull =
        broken.arrows().stream()
            .filter(a -> a.label().startsWith("PullImage"))
            .findFirst()
            .orElseThrow();
    assertTrue(pull.label().matches("PullImage \\S+ ms \\(failed\\) · at .*"), pull.label());
  }

  @Test
  void podsAreListedOncePerPod() {
    assertEquals(3, ObservedDiagram.of(WEB).pods().size());
  }
}
