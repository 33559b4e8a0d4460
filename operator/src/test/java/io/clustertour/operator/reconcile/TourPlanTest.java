package io.clustertour.operator.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.Stop;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TourPlanTest {
  final Stop ns = Fixtures.namespace("tour-ns");
  final Stop web = Fixtures.deployment("web", "tour-ns", 2);
  final Stop svc = Fixtures.service("svc", "web");

  @Test
  void targetStopsWorkInTheirDeploymentsNamespace() {
    TourPlan plan = Fixtures.plan(ns, web, svc);

    assertEquals("tour-ns", plan.namespaceOf(svc).orElseThrow());
    assertEquals("web", plan.workloadOf(svc).orElseThrow());
    assertEquals(List.of(ns, web), plan.prerequisites(svc));
    assertTrue(plan.orderProblem(svc).isEmpty());
  }

  @Test
  void orderIsCheckedHereBecauseAdmissionCannotAffordIt() {
    TourPlan plan = Fixtures.plan(svc, web, ns);

    assertEquals("TargetNotCreatedEarlier", plan.orderProblem(svc).orElseThrow().reason());
    assertEquals("NamespaceNotCreatedEarlier", plan.orderProblem(web).orElseThrow().reason());
    assertTrue(plan.orderProblem(ns).isEmpty());
  }

  @Test
  void stopTimeoutOverridesTheToursDefault() {
    Stop quick = Fixtures.deployment("quick", "tour-ns", 1);
    quick.timeoutSeconds = 15;
    TourPlan plan = Fixtures.plan(ns, web, quick);

    assertEquals(Duration.ofSeconds(120), plan.timeout(web));
    assertEquals(Duration.ofSeconds(15), plan.timeout(quick));
    assertEquals(List.of("tour-ns"), plan.namespaces());
  }
}
