package io.clustertour.operator.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.ClusterTourSpec;
import io.clustertour.operator.api.NamespaceStop;
import io.clustertour.operator.api.ScaleStop;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.Stop.StopType;
import io.clustertour.operator.api.WorkloadStop;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StopKindTest {

  @Test
  void everyStopTypeHasItsOwnKind() {
    Set<StopKind> kinds =
        EnumSet.allOf(StopType.class).stream().map(StopKind::of).collect(Collectors.toSet());
    assertEquals(StopType.values().length, kinds.size());
  }

  @Test
  void whatEachKindReadsFromTheCaches() {
    assertEquals(
        EnumSet.of(StopType.Deployment, StopType.Scale, StopType.DeletePod, StopType.Service),
        typesWhere(StopKind::readsDeployment));
    assertEquals(EnumSet.of(StopType.Job), typesWhere(StopKind::readsJob));
    assertEquals(EnumSet.of(StopType.Service), typesWhere(StopKind::readsEndpointSlices));
    assertEquals(
        EnumSet.of(StopType.Deployment, StopType.Scale, StopType.DeletePod, StopType.Job),
        typesWhere(StopKind::measuresPods));
    assertEquals(
        EnumSet.of(StopType.Scale, StopType.DeletePod, StopType.Service),
        typesWhere(StopKind::usesTarget));
    assertEquals(
        EnumSet.complementOf(EnumSet.of(StopType.Inventory, StopType.Namespace)),
        typesWhere(StopKind::usesEarlierNamespace));
  }

  @Test
  void aTargetStopWorksInItsDeploymentsNamespace() {
    Stop ns = new Stop();
    ns.name = "ns";
    ns.type = StopType.Namespace;
    ns.namespace = new NamespaceStop();
    ns.namespace.name = "tour-ns";
    Stop web = new Stop();
    web.name = "web";
    web.type = StopType.Deployment;
    web.deployment = new WorkloadStop();
    web.deployment.name = "web";
    web.deployment.namespace = "tour-ns";
    Stop scale = new Stop();
    scale.name = "up";
    scale.type = StopType.Scale;
    scale.target = "web";
    scale.scale = new ScaleStop();
    scale.scale.replicas = 3;
    ClusterTourSpec spec = new ClusterTourSpec();
    spec.stops = List.of(ns, web, scale);
    TourPlan plan = TourPlan.of(spec);

    assertEquals(Optional.of("tour-ns"), plan.namespaceOf(scale));
    assertEquals(Optional.of("web"), plan.workloadOf(scale));
    assertEquals(Optional.of("tour-ns"), plan.namespaceOf(ns));
    assertTrue(plan.workloadOf(ns).isEmpty());
    assertTrue(plan.orderProblem(scale).isEmpty());

    spec.stops = List.of(ns, scale, web);
    TourPlan reordered = TourPlan.of(spec);
    assertEquals("TargetNotCreatedEarlier", reordered.orderProblem(scale).orElseThrow().reason());
    assertFalse(reordered.namespaceOf(scale).isPresent(), "the target comes later");
  }

  private static Set<StopType> typesWhere(java.util.function.Predicate<StopKind> p) {
    return EnumSet.allOf(StopType.class).stream()
        .filter(t -> p.test(StopKind.of(t)))
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(StopType.class)));
  }
}
