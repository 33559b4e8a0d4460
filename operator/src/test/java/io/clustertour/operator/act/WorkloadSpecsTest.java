package io.clustertour.operator.act;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.WorkloadStop;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadSpecsTest {

  static ClusterTour tour() {
    ClusterTour tour = new ClusterTour();
    tour.setMetadata(new ObjectMetaBuilder().withName("first").withUid("uid-1").build());
    return tour;
  }

  static WorkloadStop workload() {
    WorkloadStop w = new WorkloadStop();
    w.name = "web";
    w.namespace = "tour-ns";
    w.image = "busybox:1.36";
    w.command = List.of("httpd", "-f", "-p", "8080");
    w.replicas = 2;
    w.cpuRequest = "10m";
    return w;
  }

  @Test
  void namespaceIsLabelledAndOwnedByTheTour() {
    Namespace ns = WorkloadSpecs.namespace(tour(), "tour-ns");

    assertEquals("first", ns.getMetadata().getLabels().get(ClusterTour.TOUR_LABEL));
    OwnerReference owner = ns.getMetadata().getOwnerReferences().get(0);
    assertEquals("ClusterTour", owner.getKind());
    assertEquals("clustertour.io/v1alpha1", owner.getApiVersion());
    assertEquals("uid-1", owner.getUid());
    assertTrue(TourOwnership.isOwnedBy(ns, tour()));
  }

  @Test
  void deploymentCountsPodsAvailableOnlyOnceTheyStayedReady() {
    Deployment d = WorkloadSpecs.deployment("first", workload());
    assertEquals(
        2, d.getSpec().getMinReadySeconds(), "a container that exits at once is no success");
  }

  @Test
  void deploymentCarriesLabelsOnObjectTemplateAndSelector() {
    Deployment d = WorkloadSpecs.deployment("first", workload());
    Map<String, String> expected = Map.of(ClusterTour.TOUR_LABEL, "first", "app", "web");

    assertEquals(expected, d.getMetadata().getLabels());
    assertEquals(expected, d.getSpec().getTemplate().getMetadata().getLabels());
    assertEquals(expected, d.getSpec().getSelector().getMatchLabels());
    assertEquals(2, d.getSpec().getReplicas());
    assertEquals("tour-ns", d.getMetadata().getNamespace());
    assertEquals("Always", d.getSpec().getTemplate().getSpec().getRestartPolicy());
  }

  @Test
  void containerIsExplicitAndRestrictedPssFriendly() {
    PodSpec pod = WorkloadSpecs.deployment("first", workload()).getSpec().getTemplate().getSpec();
    Container c = pod.getContainers().get(0);

    assertEquals("busybox:1.36", c.getImage());
    assertEquals("IfNotPresent", c.getImagePullPolicy());
    assertEquals(List.of("httpd", "-f", "-p", "8080"), c.getCommand());
    assertEquals(new Quantity("10m"), c.getResources().getRequests().get("cpu"));
    assertFalse(c.getResources().getRequests().containsKey("memory"));
    assertTrue(c.getSecurityContext().getRunAsNonRoot());
    assertEquals(65534L, c.getSecurityContext().getRunAsUser());
    assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation());
    assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());
    assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
    assertEquals(2L, pod.getTerminationGracePeriodSeconds());
  }

  @Test
  void pullPolicyIsExplicitEvenWhenUnset() {
    WorkloadStop w = workload();
    w.imagePullPolicy = null;
    w.command = null;
    w.cpuRequest = null;
    Container c =
        WorkloadSpecs.deployment("first", w)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);

    assertEquals("IfNotPresent", c.getImagePullPolicy());
    assertTrue(c.getCommand() == null || c.getCommand().isEmpty());
    assertNull(c.getResources());
  }

  @Test
  void jobNeverRestartsPodsInPlaceAndKeepsBackoffLimit() {
    WorkloadStop w = workload();
    w.backoffLimit = 3;
    Job job = WorkloadSpecs.job("first", w);

    assertEquals(3, job.getSpec().getBackoffLimit());
    assertEquals("Never", job.getSpec().getTemplate().getSpec().getRestartPolicy());
    assertEquals("web", job.getSpec().getTemplate().getMetadata().getLabels().get("app"));
  }

  @Test
  void serviceSelectsTheDeploymentPodsOnItsPort() {
    Service s = WorkloadSpecs.service("first", "tour-ns", "web", 8080);

    assertEquals("ClusterIP", s.getSpec().getType());
    assertEquals("web", s.getSpec().getSelector().get("app"));
    assertEquals(8080, s.getSpec().getPorts().get(0).getPort());
    assertEquals(8080, s.getSpec().getPorts().get(0).getTargetPort().getIntVal());
    assertEquals("first", s.getMetadata().getLabels().get(ClusterTour.TOUR_LABEL));
  }
}
