package io.clustertour.operator.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SilentStepsTest {
  static final String NS = "tour-ns";

  static Pod pod(String rv, String node, boolean running, boolean ready) {
    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withNamespace(NS)
            .withName("web-1")
            .withUid("pod-uid")
            .withResourceVersion(rv)
            .withCreationTimestamp("2025-01-01T10:00:00Z")
            .addNewOwnerReference()
            .withKind("ReplicaSet")
            .withName("web-5d4f")
            .withController(true)
            .endOwnerReference()
            .endMetadata()
            .withNewSpec()
            .withNodeName(node)
            .endSpec()
            .withNewStatus()
            .endStatus();
    if (node != null) {
      pod.editStatus()
          .addNewCondition()
          .withType("PodScheduled")
          .withStatus("True")
          .withLastTransitionTime("2025-01-01T10:00:01Z")
          .endCondition()
          .endStatus();
    }
    if (running) {
      pod.editStatus()
          .addNewContainerStatus()
          .withName("web")
          .withNewState()
          .withNewRunning()
          .withStartedAt("2025-01-01T10:00:03Z")
          .endRunning()
          .endState()
          .endContainerStatus()
          .endStatus();
    }
    if (ready) {
      pod.editStatus()
          .addNewCondition()
          .withType("Ready")
          .withStatus("True")
          .withLastTransitionTime("2025-01-01T10:00:04Z")
          .endCondition()
          .endStatus();
    }
    return pod.build();
  }

  static List<String> reasons(List<SilentSteps.Step> steps) {
    return steps.stream().map(SilentSteps.Step::reason).toList();
  }

  @Test
  void podCreatedByReplicaSetControllerThenBoundByScheduler() {
    List<SilentSteps.Step> created = SilentSteps.changed(null, pod("1", null, false, false));
    List<SilentSteps.Step> bound =
        SilentSteps.changed(pod("1", null, false, false), pod("2", "node-a", false, false));

    assertEquals(List.of("PodCreated"), reasons(created));
    assertEquals("replicaset-controller", created.get(0).component());
    assertEquals(List.of("PodBound"), reasons(bound));
    assertEquals("default-scheduler", bound.get(0).component());
    assertEquals(Instant.parse("2025-01-01T10:00:01Z"), bound.get(0).objectTime());
  }

  @Test
  void podBoundFiresOnceAcrossUpdatesAndResyncs() {
    ObservationRecorder recorder = new ObservationRecorder(ns -> {});
    recorder.track(NS);
    Pod pending = pod("1", null, false, false);
    Pod bound = pod("2", "node-a", false, false);
    Pod running = pod("3", "node-a", true, false);
    Pod ready = pod("4", "node-a", true, true);

    recorder.changed(null, pending);
    recorder.changed(pending, bound);
    recorder.changed(bound, bound); // resync: same resourceVersion
    recorder.changed(bound, running);
    recorder.changed(running, ready);
    recorder.changed(null, ready); // relist delivering the pod again as an add

    List<String> reasons = recorder.observations(NS).stream().map(Observation::reason).toList();
    assertEquals(List.of("PodCreated", "PodBound", "ContainerRunning", "PodReady"), reasons);
    List<Observation> all = recorder.observations(NS);
    assertTrue(all.get(0).seq() < all.get(3).seq());
    assertTrue(all.get(1).receivedAt() != null, "live steps keep their receive time");
    assertEquals(
        all.get(1).time() == null ? null : Observation.SECONDS,
        all.get(1).precision(),
        "the own time of a live step is the object's (second precision), never the receive time");
  }

  @Test
  void podAddedAlreadyBoundYieldsBoundOnAdd() {
    List<String> reasons = reasons(SilentSteps.changed(null, pod("9", "node-a", true, true)));

    assertEquals(List.of("PodCreated", "PodBound", "ContainerRunning", "PodReady"), reasons);
  }

  @Test
  void deletedBoundPodIsConfirmedByKubelet() {
    List<SilentSteps.Step> steps = SilentSteps.deleted(pod("5", "node-a", true, true));

    assertEquals(List.of("PodDeleted"), reasons(steps));
    assertEquals("kubelet", steps.get(0).component());
  }

  static Deployment deployment(String rv, int replicas, boolean available) {
    DeploymentBuilder deployment =
        new DeploymentBuilder()
            .withNewMetadata()
            .withNamespace(NS)
            .withName("web")
            .withUid("dep-uid")
            .withResourceVersion(rv)
            .withCreationTimestamp("2025-01-01T10:00:00Z")
            .withManagedFields(
                new ManagedFieldsEntryBuilder()
                    .withManager("kubectl-create")
                    .withOperation("Update")
                    .withTime("2025-01-01T10:00:00Z")
                    .withFieldsV1(fields(Map.of("f:spec", Map.of("f:replicas", Map.of()))))
                    .build(),
                new ManagedFieldsEntryBuilder()
                    .withManager("kube-controller-manager")
                    .withOperation("Update")
                    .withSubresource("status")
                    .withTime("2025-01-01T09:00:00Z")
                    .withFieldsV1(fields(Map.of("f:status", Map.of("f:replicas", Map.of()))))
                    .build())
            .endMetadata()
            .withNewSpec()
            .withReplicas(replicas)
            .endSpec()
            .withNewStatus()
            .endStatus();
    if (replicas == 3) {
      deployment
          .editMetadata()
          .addToManagedFields(
              new ManagedFieldsEntryBuilder()
                  .withManager("kubectl")
                  .withOperation("Update")
                  .withSubresource("scale")
                  .withTime("2025-01-01T10:05:00Z")
                  .withFieldsV1(fields(Map.of("f:spec", Map.of("f:replicas", Map.of()))))
                  .build())
          .endMetadata();
    }
    if (available) {
      deployment
          .editStatus()
          .addNewCondition()
          .withType("Available")
          .withStatus("True")
          .withLastTransitionTime("2025-01-01T10:00:06Z")
          .endCondition()
          .endStatus();
    }
    return deployment.build();
  }

  static FieldsV1 fields(Map<String, Object> content) {
    FieldsV1 fields = new FieldsV1();
    content.forEach(fields::setAdditionalProperty);
    return fields;
  }

  @Test
  void deploymentCreatedByItsClientScaledAndAvailable() {
    List<SilentSteps.Step> created = SilentSteps.changed(null, deployment("1", 1, false));
    List<SilentSteps.Step> available =
        SilentSteps.changed(deployment("1", 1, false), deployment("2", 1, true));
    List<SilentSteps.Step> scaled =
        SilentSteps.changed(deployment("2", 1, true), deployment("3", 3, true));

    assertEquals(List.of("DeploymentCreated"), reasons(created));
    assertEquals("kubectl-create", created.get(0).component(), "earliest non-status manager");
    assertEquals(List.of("DeploymentAvailable"), reasons(available));
    assertEquals("deployment-controller", available.get(0).component());
    assertEquals(List.of("DeploymentScaled"), reasons(scaled));
    assertEquals("kubectl", scaled.get(0).component(), "latest writer of spec.replicas");
    assertEquals("3", scaled.get(0).keySuffix());
  }

  @Test
  void jobCompleteIsReportedOnceByJobController() {
    var running =
        new JobBuilder()
            .withNewMetadata()
            .withNamespace(NS)
            .withName("once")
            .withUid("job-uid")
            .withResourceVersion("1")
            .endMetadata()
            .build();
    var complete =
        new JobBuilder(running)
            .editMetadata()
            .withResourceVersion("2")
            .endMetadata()
            .withNewStatus()
            .addNewCondition()
            .withType("Complete")
            .withStatus("True")
            .endCondition()
            .endStatus()
            .build();
    var later =
        new JobBuilder(complete).editMetadata().withResourceVersion("3").endMetadata().build();

    assertEquals(List.of("JobCreated"), reasons(SilentSteps.changed(null, running)));
    List<SilentSteps.Step> done = SilentSteps.changed(running, complete);
    assertEquals(List.of("JobComplete"), reasons(done));
    assertEquals("job-controller", done.get(0).component());
    assertEquals(List.of(), reasons(SilentSteps.changed(complete, later)));
  }

  static EndpointSlice slice(String rv, boolean... ready) {
    EndpointSliceBuilder slice =
        new EndpointSliceBuilder()
            .withNewMetadata()
            .withNamespace(NS)
            .withName("web-abc")
            .withUid("slice-uid")
            .withResourceVersion(rv)
            .withLabels(
                Map.of(
                    "kubernetes.io/service-name",
                    "web",
                    "endpointslice.kubernetes.io/managed-by",
                    "endpointslice-controller.k8s.io"))
            .endMetadata()
            .withAddressType("IPv4");
    for (boolean r : ready) {
      slice
          .addNewEndpoint()
          .withAddresses("10.0.0.1")
          .withNewConditions()
          .withReady(r)
          .endConditions()
          .endEndpoint();
    }
    return slice.build();
  }

  @Test
  void endpointSliceReadyWhenReadyCountChanges() {
    assertEquals(List.of(), reasons(SilentSteps.changed(null, slice("1", false))));
    List<SilentSteps.Step> ready = SilentSteps.changed(slice("1", false), slice("2", true));
    assertEquals(List.of("EndpointSliceReady"), reasons(ready));
    assertEquals("endpointslice-controller", ready.get(0).component());
    assertEquals(List.of(), reasons(SilentSteps.changed(slice("2", true), slice("3", true))));
    assertEquals(
        List.of("EndpointSliceReady"),
        reasons(SilentSteps.changed(slice("3", true), slice("4", true, true))));
  }

  @Test
  void namespaceCreatedAndActiveOnFirstSight() {
    var namespace =
        new NamespaceBuilder()
            .withNewMetadata()
            .withName(NS)
            .withResourceVersion("1")
            .endMetadata()
            .withNewStatus()
            .withPhase("Active")
            .endStatus()
            .build();

    List<SilentSteps.Step> steps = SilentSteps.changed(null, namespace);

    assertEquals(List.of("NamespaceCreated", "NamespaceActive"), reasons(steps));
    assertEquals("kube-apiserver", steps.get(1).component());
    assertEquals(NS, ObservationRecorder.namespaceOf(namespace));
  }

  @Test
  void replayRecordsRecoveredStepsWithObjectTimesInTimeOrder() {
    ObservationRecorder recorder = new ObservationRecorder(ns -> {});
    recorder.track(NS);
    List<io.fabric8.kubernetes.api.model.HasMetadata> cached = new ArrayList<>();
    cached.add(pod("4", "node-a", true, true));
    cached.add(deployment("1", 1, false));

    recorder.replay(NS, cached, List.of());

    List<Observation> all = recorder.observations(NS);
    assertTrue(all.stream().allMatch(Observation::recovered));
    assertTrue(all.stream().allMatch(o -> Observation.SECONDS.equals(o.precision())));
    assertEquals("DeploymentCreated", all.get(0).reason(), "ordered by the objects' own times");
    Observation bound =
        all.stream().filter(o -> o.reason().equals("PodBound")).findFirst().orElseThrow();
    assertEquals(Instant.parse("2025-01-01T10:00:01Z"), bound.time());
  }
}
