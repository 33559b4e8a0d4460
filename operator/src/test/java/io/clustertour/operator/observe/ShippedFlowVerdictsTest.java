package io.clustertour.operator.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.ClusterTourSpec.Language;
import io.clustertour.operator.api.FlowStepResult;
import io.clustertour.operator.api.Stop.StopType;
import io.clustertour.operator.api.TimelineEntry;
import io.clustertour.operator.api.Verdict;
import io.clustertour.operator.compare.FlowCatalog;
import io.clustertour.operator.compare.FlowMatcher;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shipped flows graded against what this package makes of objects shaped as a v1.33 cluster
 * returns them: the verdicts follow the objects, and fail when the objects say otherwise.
 */
class ShippedFlowVerdictsTest {
  private static final Instant START = Instant.parse("2025-06-02T10:00:00Z");

  static Map<String, FlowStepResult> grade(StopType type, List<Observation> observations) {
    List<TimelineEntry> entries =
        TimelineBuilder.build(observations, START, null, TimelineBuilder.CAP).entries();
    Map<String, FlowStepResult> byClaim = new LinkedHashMap<>();
    for (FlowStepResult r :
        FlowMatcher.grade(FlowCatalog.shipped().flow(type), entries, Language.en)) {
      byClaim.put(r.claim + " " + r.step, r);
    }
    return byClaim;
  }

  static Map<String, FlowStepResult> inventory(Node... nodes) {
    return grade(StopType.Inventory, InventoryTest.timeline(nodes));
  }

  static Verdict verdict(Map<String, FlowStepResult> results, String key) {
    return results.get(key).verdict;
  }

  @Test
  void healthyKubeadmClusterObservesTheNodeClaimsAndContradictsDocker() {
    Map<String, FlowStepResult> v =
        inventory(InventoryTest.worker("worker-1"), InventoryTest.worker("worker-2"));

    assertEquals(Verdict.Observed, verdict(v, "C21 inventory.node-status"));
    assertEquals(Verdict.Observed, verdict(v, "C18 inventory.kubelet-everywhere"));
    assertEquals(Verdict.Observed, verdict(v, "C22 inventory.node-registers"));
    assertEquals(Verdict.Contradicted, verdict(v, "C09 inventory.runtime"));
  }

  @Test
  void k3sNodeRegisteredByItsEmbeddedKubeletIsObserved() {
    Map<String, FlowStepResult> v = inventory(Fixtures.load("node-k3s", Node.class));

    assertEquals(Verdict.Observed, verdict(v, "C22 inventory.node-registers"));
    assertEquals(Verdict.Observed, verdict(v, "C18 inventory.kubelet-everywhere"));
  }

  @Test
  void oneNodeWithoutAddressesContradictsTheNodeStatusClaimAndIsNamed() {
    Node bare = InventoryTest.worker("worker-2");
    bare.getStatus().setAddresses(List.of());

    FlowStepResult status =
        inventory(InventoryTest.worker("worker-1"), bare).get("C21 inventory.node-status");

    assertEquals(Verdict.Contradicted, status.verdict);
    assertTrue(status.evidence.contains("Node/worker-2"), status.evidence);
  }

  @Test
  void aStoppedKubeletContradictsTheKubeletOnEveryNodeClaim() {
    Node stopped = InventoryTest.worker("worker-2");
    NodeFacts.ready(stopped).orElseThrow().setStatus("Unknown");

    FlowStepResult kubelet =
        inventory(InventoryTest.worker("worker-1"), stopped)
            .get("C18 inventory.kubelet-everywhere");

    assertEquals(Verdict.Contradicted, kubelet.verdict);
    assertTrue(kubelet.evidence.contains("Node/worker-2"), kubelet.evidence);
  }

  @Test
  void dockerRuntimeStillContradictsTheDockerCommandsClaim() {
    Node minikube = InventoryTest.worker("minikube");
    minikube.getStatus().getNodeInfo().setContainerRuntimeVersion("docker://28.0.4");
    Node legacy = InventoryTest.worker("legacy");
    legacy.getStatus().getNodeInfo().setContainerRuntimeVersion("docker://20.10.7");
    legacy.getStatus().getNodeInfo().setKubeletVersion("v1.23.17");

    FlowStepResult docker = inventory(minikube).get("C09 inventory.runtime");

    assertEquals(Verdict.Contradicted, docker.verdict);
    assertTrue(docker.evidence.contains("cri-dockerd"), docker.evidence);
    assertEquals(Verdict.Observed, verdict(inventory(legacy), "C09 inventory.runtime"));
  }

  @Test
  void nodeCreatedByAnotherFieldManagerContradictsSelfRegistration() {
    Node byHand =
        Fixtures.withManagedFields(
            InventoryTest.worker("virtual-1"),
            Fixtures.entry(
                "kubectl-create",
                "Update",
                null,
                "2025-06-02T08:14:03Z",
                "f:metadata: {f:labels: {.: {}, f:type: {}}}"));

    FlowStepResult registers =
        inventory(InventoryTest.worker("worker-1"), byHand).get("C22 inventory.node-registers");

    assertEquals(Verdict.Contradicted, registers.verdict);
    assertTrue(registers.evidence.contains("kubectl-create"), registers.evidence);
  }

  static List<Observation> namespaceStop(HasMetadata... objects) {
    List<Observation> observations = new ArrayList<>();
    for (HasMetadata object : objects) {
      for (SilentSteps.Step step : SilentSteps.changed(null, object)) {
        observations.add(
            ObservationRecorder.watchObservation(object, step, START.plusMillis(20), false, true)
                .received(START.plusMillis(20)));
      }
    }
    return observations;
  }

  static Namespace namespace() {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName("tour-first")
        .withUid("ns-uid")
        .withResourceVersion("13464")
        .withCreationTimestamp("2025-06-02T10:00:00Z")
        .endMetadata()
        .withNewStatus()
        .withPhase("Active")
        .endStatus()
        .build();
  }

  @Test
  void namespaceFilledByTheControllerManagerObservesBothSilentSteps() {
    Map<String, FlowStepResult> v =
        grade(
            StopType.Namespace,
            namespaceStop(
                namespace(),
                Fixtures.load("serviceaccount-default", ServiceAccount.class),
                Fixtures.load("configmap-kube-root-ca", ConfigMap.class)));

    assertEquals(Verdict.Observed, verdict(v, "C14 namespace.serviceaccount"));
    assertEquals(Verdict.Observed, verdict(v, "C14 namespace.root-ca"));
  }

  @Test
  void namespaceObjectsWrittenByAnotherClientContradictTheControllerClaims() {
    ServiceAccount account =
        Fixtures.withManagedFields(
            Fixtures.load("serviceaccount-default", ServiceAccount.class),
            Fixtures.entry(
                "kubectl-create",
                "Update",
                null,
                "2025-06-02T10:00:00Z",
                "f:metadata: {f:labels: {.: {}, f:team: {}}}"));
    ConfigMap configMap =
        Fixtures.renameManager(
            Fixtures.load("configmap-kube-root-ca", ConfigMap.class),
            "kube-controller-manager",
            "helm");

    Map<String, FlowStepResult> v =
        grade(StopType.Namespace, namespaceStop(namespace(), account, configMap));

    FlowStepResult serviceAccount = v.get("C14 namespace.serviceaccount");
    assertEquals(Verdict.Contradicted, serviceAccount.verdict);
    assertTrue(serviceAccount.evidence.contains("by kubectl-create"), serviceAccount.evidence);
    FlowStepResult rootCa = v.get("C14 namespace.root-ca");
    assertEquals(Verdict.Contradicted, rootCa.verdict);
    assertTrue(rootCa.evidence.contains("by helm"), rootCa.evidence);
  }
}
