package io.clustertour.operator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clustertour.operator.api.TimelineEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementTest {
  static TimelineEntry entry(String reason, String component, String pod, String message) {
    TimelineEntry e = new TimelineEntry();
    e.reason = reason;
    e.component = component;
    e.object = "Pod/" + pod;
    e.message = message;
    e.precision = "Scheduled".equals(reason) ? "us" : "s";
    return e;
  }

  @Test
  void namesEachPodsNodeAndWhoChoseIt() {
    List<TimelineEntry> timeline =
        List.of(
            entry("PodCreated", "kube-controller-manager", "web-7d-a", "Pod created for ..."),
            entry(
                "Scheduled",
                "default-scheduler",
                "web-7d-a",
                "Successfully assigned tour-1/web-7d-a to kubeadm-worker"),
            entry(
                "PodBound",
                "default-scheduler",
                "web-7d-a",
                "spec.nodeName set to kubeadm-worker; set through pods/binding, which managedFields"
                    + " do not record; inferred: the pod's scheduler default-scheduler"),
            entry(
                "PodBound",
                "kubectl",
                "pinned",
                "spec.nodeName set to kubeadm-control-plane; written by kubectl-create"),
            entry(
                "Scheduled",
                "default-scheduler",
                "web-7d-b",
                "Successfully assigned tour-1/web-7d-b to kubeadm-control-plane"));

    List<Placement> placements = Placement.of(timeline);

    assertEquals(
        List.of(
            new Placement(
                "web-7d-a",
                "kubeadm-worker",
                "Scheduled Event by default-scheduler (precision us) · spec.nodeName through"
                    + " pods/binding"),
            new Placement(
                "pinned",
                "kubeadm-control-plane",
                "no Scheduled Event seen · spec.nodeName written at creation: written by"
                    + " kubectl-create"),
            new Placement(
                "web-7d-b",
                "kubeadm-control-plane",
                "Scheduled Event by default-scheduler (precision us) · spec.nodeName not seen")),
        placements);
  }

  @Test
  void saysWhenTheEventAndSpecDisagree() {
    List<Placement> placements =
        Placement.of(
            List.of(
                entry("Scheduled", "default-scheduler", "p", "Successfully assigned ns/p to n1"),
                entry(
                    "PodBound",
                    "default-scheduler",
                    "p",
                    "spec.nodeName set to n2; pods/binding")));

    assertEquals("n2", placements.get(0).node());
    assertEquals(
        "Scheduled Event by default-scheduler (precision us) · spec.nodeName through pods/binding"
            + " · the Event names n1, spec.nodeName n2",
        placements.get(0).why());
  }

  @Test
  void noPodsNoPlacements() {
    assertEquals(List.of(), Placement.of(null));
    assertEquals(
        List.of(), Placement.of(List.of(entry("Created", "x", "p", "Created container: app"))));
  }
}
