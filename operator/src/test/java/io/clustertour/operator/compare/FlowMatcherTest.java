package io.clustertour.operator.compare;

import static io.clustertour.operator.compare.Entries.event;
import static io.clustertour.operator.compare.Entries.watch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.ClusterTourSpec.Language;
import io.clustertour.operator.api.FlowStepResult;
import io.clustertour.operator.api.TimelineEntry;
import io.clustertour.operator.api.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowMatcherTest {

  private static final Flow FLOW =
      FlowCatalog.parse(
          "test.yaml",
          """
          stopType: Deployment
          steps:
            - id: t.created
              claim: C01
              component: kubectl
              text: {en: "The client creates it.", ko: "클라이언트가 만듭니다."}
              observedWhen: [{source: watch, reason: DeploymentCreated}]
            - id: t.chain
              claim: C07
              component: kube-controller-manager
              text: {en: "Pod created, then scheduled.", ko: "파드 생성 후 스케줄."}
              observedWhen:
                - {source: event, component: replicaset-controller, reason: SuccessfulCreate}
                - {source: event, component: default-scheduler, reason: Scheduled, kind: Pod}
            - id: t.started
              claim: C18
              component: kubelet
              text: {en: "The kubelet starts it.", ko: "kubelet이 시작합니다."}
              observedWhen: [{source: event, component: kubelet, reason: Started}]
            - id: t.myth
              claim: C04
              component: kube-apiserver
              text: {en: "The API server asks the kubelet.", ko: "API 서버가 kubelet에 요청합니다."}
              contradictedWhen:
                - {source: watch, reason: PodBound, component: default-scheduler}
                - {component: kubelet, reason: Started}
              reality: {en: "The kubelet watches bound pods.", ko: "kubelet은 바인딩된 파드를 watch 합니다."}
            - id: t.etcd
              claim: C02
              component: etcd
              text: {en: "Stored in etcd.", ko: "etcd에 저장됩니다."}
              notObservable: {en: "Only the resourceVersion shows it.", ko: "resourceVersion만 보입니다."}
              indirectEvidence: [{source: watch, reason: DeploymentCreated}]
            - id: t.ready
              claim: C18
              component: kubelet
              text: {en: "The pod is Ready.", ko: "파드가 Ready입니다."}
              observedWhen: [{source: watch, reason: PodReady, component: kubelet}]
          """);

  /** A healthy start: every documented step in order, Scheduled/Started in the same second. */
  private static List<TimelineEntry> healthy() {
    List<TimelineEntry> t = new ArrayList<>();
    t.add(watch(1, "clustertour-operator", "DeploymentCreated", "Deployment/web", T + "00.050Z"));
    t.add(
        event(2, "replicaset-controller", "SuccessfulCreate", "ReplicaSet/web-1", T + "00Z", "s"));
    t.add(watch(3, "default-scheduler", "PodBound", "Pod/web-1-a", T + "00.300Z"));
    t.add(event(4, "default-scheduler", "Scheduled", "Pod/web-1-a", T + "00.290123Z", "us"));
    t.add(event(5, "kubelet", "Started", "Pod/web-1-a", T + "00Z", "s"));
    return t;
  }

  private static final String T = "2025-01-01T12:00:";

  private static List<Verdict> verdicts(List<FlowStepResult> results) {
    return results.stream().map(r -> r.verdict).toList();
  }

  private static FlowStepResult step(List<FlowStepResult> results, String id) {
    return results.stream().filter(r -> r.step.equals(id)).findFirst().orElseThrow();
  }

  @Test
  void gradesEachKindOfVerdict() {
    List<FlowStepResult> results = FlowMatcher.grade(FLOW, healthy(), Language.en);

    assertEquals(
        List.of(
            Verdict.Observed,
            Verdict.Observed,
            Verdict.Observed,
            Verdict.Contradicted,
            Verdict.NotObservable,
            Verdict.Missing),
        verdicts(results));
    FlowStepResult chain = step(results, "t.chain");
    assertEquals(2L, chain.evidenceSeq);
    assertTrue(
        chain.evidence.contains("SuccessfulCreate by replicaset-controller"), chain.evidence);
    // a second-precision 12:00:00 of one component and 12:00:00.290123 of another prove nothing
    assertTrue(
        chain.evidence.contains("and (order not proven) Scheduled by default-scheduler"),
        chain.evidence);
    assertTrue(chain.evidence.contains("precision us"), chain.evidence);
  }

  @Test
  void contradictedStepExplainsRealityAndQuotesTheEntries() {
    FlowStepResult myth = step(FlowMatcher.grade(FLOW, healthy(), Language.en), "t.myth");
    assertTrue(myth.evidence.startsWith("The kubelet watches bound pods."), myth.evidence);
    assertTrue(myth.evidence.contains("PodBound by default-scheduler"), myth.evidence);
    assertTrue(myth.evidence.contains("etcd revision 1003"), myth.evidence);
    assertEquals(3L, myth.evidenceSeq);
  }

  @Test
  void notObservableStepQuotesTheResourceVersionAsIndirectEvidence() {
    FlowStepResult etcd = step(FlowMatcher.grade(FLOW, healthy(), Language.en), "t.etcd");
    assertTrue(etcd.evidence.startsWith("Only the resourceVersion shows it."), etcd.evidence);
    assertTrue(etcd.evidence.contains("etcd revision 1001"), etcd.evidence);
    assertEquals(1L, etcd.evidenceSeq);
  }

  @Test
  void missingStepSaysWhatWasLookedForAndWhereTheComponentStopped() {
    List<TimelineEntry> t = new ArrayList<>(healthy().subList(0, 2));
    t.add(event(3, "default-scheduler", "FailedScheduling", "Pod/web-1-a", T + "00Z", "s"));

    List<FlowStepResult> results = FlowMatcher.grade(FLOW, t, Language.en);

    FlowStepResult chain = step(results, "t.chain");
    assertEquals(Verdict.Missing, chain.verdict);
    assertTrue(chain.evidence.contains("looked for: default-scheduler Scheduled"), chain.evidence);
    assertTrue(chain.evidence.contains("Last sign of default-scheduler: FailedScheduling"));
    assertEquals(3L, chain.evidenceSeq);
    assertEquals(Verdict.Missing, step(results, "t.started").verdict);
    assertNull(step(results, "t.started").evidenceSeq);
  }

  @Test
  void stepWhoseEvidenceCameBeforeThePreviousStepIsOutOfOrder() {
    TimelineEntry created = watch(1, "replicaset-controller", "PodCreated", "Pod/p", T + "00.1Z");
    TimelineEntry bound = watch(2, "default-scheduler", "PodBound", "Pod/p", T + "00.2Z");
    // the kubelet's Started was stored before the pod was even created: so was its action
    TimelineEntry started = event(3, "kubelet", "Started", "Pod/p", T + "00Z", "s");
    started.revision = 999L;
    created.revision = 1000L;
    bound.revision = 1004L;

    FlowStepResult step =
        step(FlowMatcher.grade(WRITES, List.of(created, started, bound), Language.en), "w.started");

    assertEquals(Verdict.OutOfOrder, step.verdict);
    assertTrue(step.evidence.contains("earlier step w.bound"), step.evidence);
    assertEquals(3L, step.evidenceSeq);
  }

  @Test
  void sameSecondEventsOfDifferentComponentsAreNeverCalledOutOfOrder() {
    // Components write their Events asynchronously: which one reached the API server first says
    // nothing about which acted first when both carry the same second.
    assertEquals(
        Verdict.Observed,
        step(FlowMatcher.grade(FLOW, healthy(), Language.en), "t.started").verdict);

    List<TimelineEntry> swapped = healthy();
    swapped.set(4, event(0, "kubelet", "Started", "Pod/web-1-a", T + "00Z", "s"));
    assertEquals(
        Verdict.Observed, step(FlowMatcher.grade(FLOW, swapped, Language.en), "t.started").verdict);
  }

  private static final Flow WRITES =
      FlowCatalog.parse(
          "writes.yaml",
          """
          stopType: Deployment
          steps:
            - id: w.bound
              claim: C13
              component: kube-scheduler
              text: {en: "Created, then bound.", ko: "생성 후 바인딩."}
              observedWhen:
                - {source: watch, reason: PodCreated}
                - {source: watch, reason: PodBound}
            - id: w.started
              claim: C18
              component: kubelet
              text: {en: "Then the kubelet starts it.", ko: "그다음 kubelet이 시작합니다."}
              observedWhen: [{source: event, component: kubelet, reason: Started}]
          """);

  @Test
  void matchersOfOneStepMustMatchInOrder() {
    // two writes of one pod stored in the other order than documented: revisions prove it
    TimelineEntry created = watch(1, "replicaset-controller", "PodCreated", "Pod/p", T + "00.1Z");
    TimelineEntry bound = watch(2, "default-scheduler", "PodBound", "Pod/p", T + "00.2Z");
    created.revision = 1005L;
    bound.revision = 1002L;

    FlowStepResult step =
        step(FlowMatcher.grade(WRITES, List.of(created, bound), Language.en), "w.bound");

    assertEquals(Verdict.OutOfOrder, step.verdict);
    assertTrue(step.evidence.contains("PodBound by default-scheduler"), step.evidence);
  }

  @Test
  void eventsOfDifferentComponentsNeverProveDisorderByTheirTimes() {
    List<TimelineEntry> t = healthy();
    // SuccessfulCreate stamped two seconds after Scheduled: yet the pod may have been created
    // long before the controller's recorder wrote its Event, so nothing is proven
    t.set(
        1,
        event(
            6,
            "replicaset-controller",
            "SuccessfulCreate",
            "ReplicaSet/web-1",
            "2025-01-01T12:00:03Z",
            "s"));

    assertEquals(
        Verdict.Observed, step(FlowMatcher.grade(FLOW, t, Language.en), "t.chain").verdict);
  }

  @Test
  void unorderedStepsAreNeverOutOfOrder() {
    Flow unordered = new Flow(FLOW.stopType(), false, FLOW.steps());
    List<TimelineEntry> t = healthy();
    t.set(4, event(5, "kubelet", "Started", "Pod/web-1-a", "2025-01-01T11:59:58Z", "s"));

    assertEquals(
        Verdict.Observed, step(FlowMatcher.grade(unordered, t, Language.en), "t.started").verdict);
  }

  @Test
  void observedTakesPrecedenceOverContradicted() {
    FlowStep both =
        new FlowStep(
            "t.both",
            "C09",
            "kubelet",
            new LocalizedText("Docker runs it.", "Docker가 실행합니다."),
            List.of(new StepMatcher("inventory", "docker", List.of("ContainerRuntime"), null)),
            List.of(new StepMatcher("inventory", null, List.of("ContainerRuntime"), null)),
            null,
            new LocalizedText("Not Docker.", "Docker가 아닙니다."),
            List.of(),
            false,
            null);
    Flow flow = new Flow("Inventory", false, List.of(both));

    assertEquals(
        Verdict.Observed,
        FlowMatcher.grade(
                flow, List.of(Entries.inventory(1, "docker", "ContainerRuntime")), Language.en)
            .get(0)
            .verdict);
    assertEquals(
        Verdict.Contradicted,
        FlowMatcher.grade(
                flow, List.of(Entries.inventory(1, "containerd", "ContainerRuntime")), Language.en)
            .get(0)
            .verdict);
  }

  @Test
  void koreanTextAndEvidenceWhenAskedForKorean() {
    List<FlowStepResult> results = FlowMatcher.grade(FLOW, healthy(), Language.ko);

    FlowStepResult created = step(results, "t.created");
    assertEquals("클라이언트가 만듭니다.", created.claimText);
    assertTrue(created.evidence.startsWith("관측됨: clustertour-operator의 DeploymentCreated"));
    assertTrue(step(results, "t.myth").evidence.startsWith("kubelet은 바인딩된 파드를 watch 합니다."));
    assertTrue(step(results, "t.ready").evidence.contains("관측되지 않았습니다"));
  }

  @Test
  void emptyTimelineLeavesEveryCheckableStepMissing() {
    List<FlowStepResult> results = FlowMatcher.grade(FLOW, null, null);
    assertEquals(
        List.of(
            Verdict.Missing,
            Verdict.Missing,
            Verdict.Missing,
            Verdict.Missing,
            Verdict.NotObservable,
            Verdict.Missing),
        verdicts(results));
    assertEquals("The client creates it.", results.get(0).claimText);
  }
}
