package io.clustertour.operator.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
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
    ObservationRecorder recorder = new ObservationRecorder();
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
    ObservationRecorder recorder = new ObservationRecorder();
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

  // --- components from managedFields, on objects shaped as a v1.33 cluster returns them ---

  static String component(List<SilentSteps.Step> steps, String reason) {
    return step(steps, reason).component();
  }

  static SilentSteps.Step step(List<SilentSteps.Step> steps, String reason) {
    return steps.stream().filter(s -> s.reason().equals(reason)).findFirst().orElseThrow();
  }

  @SuppressWarnings("unchecked")
  static void addField(
      io.fabric8.kubernetes.api.model.HasMetadata object, String manager, String group, String f) {
    object.getMetadata().getManagedFields().stream()
        .filter(e -> manager.equals(e.getManager()) && e.getSubresource() == null)
        .forEach(
            e ->
                ((Map<String, Object>) e.getFieldsV1().getAdditionalProperties().get(group))
                    .put(f, Map.of()));
  }

  @Test
  void realPodStepsNameTheComponentInsideTheWriterThatManagedFieldsShow() {
    List<SilentSteps.Step> steps =
        SilentSteps.changed(null, Fixtures.load("pod-replicaset", Pod.class));

    assertEquals(List.of("PodCreated", "PodBound", "ContainerRunning", "PodReady"), reasons(steps));
    SilentSteps.Step created = step(steps, "PodCreated");
    assertEquals("replicaset-controller", created.component());
    assertTrue(
        created.message().contains("field manager kube-controller-manager")
            && created.message().contains("replicaset-controller does this (inferred)"),
        created.message());
    SilentSteps.Step bound = step(steps, "PodBound");
    assertEquals("default-scheduler", bound.component());
    assertTrue(bound.message().contains("pods/binding"), bound.message());
    assertTrue(bound.message().contains("inferred"), bound.message());
    assertEquals("kubelet", component(steps, "ContainerRunning"));
    assertTrue(step(steps, "PodReady").message().contains("field manager kubelet"));
  }

  @Test
  void podWrittenByOtherManagersIsAttributedToThem() {
    // a client created the pod with a ReplicaSet owner and a preset node; a fake kubelet (KWOK)
    // writes its status
    Pod pod = Fixtures.load("pod-replicaset", Pod.class);
    Fixtures.renameManager(pod, "kube-controller-manager", "kubectl-create");
    Fixtures.renameManager(pod, "kubelet", "kwok-controller");
    addField(pod, "kubectl-create", "f:spec", "f:nodeName");

    List<SilentSteps.Step> steps = SilentSteps.changed(null, pod);

    assertEquals("kubectl-create", component(steps, "PodCreated"));
    assertEquals("kubectl-create", component(steps, "PodBound"), "it chose the node, no scheduler");
    assertEquals("kwok-controller", component(steps, "ContainerRunning"));
    assertEquals("kwok-controller", component(steps, "PodReady"));
  }

  @Test
  void defaultServiceAccountCarriesNoManagerSoItsControllerIsAnInference() {
    ServiceAccount account = Fixtures.load("serviceaccount-default", ServiceAccount.class);

    SilentSteps.Step step = SilentSteps.changed(null, account).get(0);

    assertEquals("ServiceAccountCreated", step.reason());
    assertEquals("serviceaccount-controller", step.component());
    assertTrue(step.message().contains("no field manager recorded"), step.message());
    assertTrue(step.message().contains("inferred: serviceaccount-controller"), step.message());
  }

  @Test
  void serviceAccountCreatedByAnotherClientNamesThatClient() {
    ServiceAccount account =
        Fixtures.withManagedFields(
            Fixtures.load("serviceaccount-default", ServiceAccount.class),
            Fixtures.entry(
                "kubectl-create",
                "Update",
                null,
                "2025-06-02T10:00:00Z",
                "f:metadata: {f:labels: {.: {}, f:team: {}}}"));
    ServiceAccount older =
        Fixtures.withManagedFields(
            Fixtures.load("serviceaccount-default", ServiceAccount.class),
            // before 1.24 the token controller added a secret, so the controller manager shows
            Fixtures.entry(
                "kube-controller-manager",
                "Update",
                null,
                "2025-06-02T10:00:00Z",
                """
                f:secrets:
                  .: {}
                  k:{"name":"default-token-x7k2p"}: {}
                """));

    assertEquals("kubectl-create", SilentSteps.changed(null, account).get(0).component());
    assertEquals("serviceaccount-controller", SilentSteps.changed(null, older).get(0).component());
  }

  @Test
  void rootCaConfigMapIsAttributedThroughItsFieldManager() {
    ConfigMap real = Fixtures.load("configmap-kube-root-ca", ConfigMap.class);
    ConfigMap k3s =
        Fixtures.renameManager(
            Fixtures.load("configmap-kube-root-ca", ConfigMap.class),
            "kube-controller-manager",
            "k3s");
    ConfigMap helm =
        Fixtures.renameManager(
            Fixtures.load("configmap-kube-root-ca", ConfigMap.class),
            "kube-controller-manager",
            "helm");

    SilentSteps.Step published = SilentSteps.changed(null, real).get(0);
    assertEquals("root-ca-cert-publisher", published.component());
    assertTrue(published.message().contains("field manager kube-controller-manager"));
    assertEquals("root-ca-cert-publisher", SilentSteps.changed(null, k3s).get(0).component());
    assertEquals("helm", SilentSteps.changed(null, helm).get(0).component());
  }

  @Test
  void controllerStepsOfDeploymentReplicaSetJobAndEndpointSliceFollowTheirWriters() {
    Deployment deployment = Fixtures.load("deployment-available", Deployment.class);
    ReplicaSet replicaSet = Fixtures.load("replicaset-deployment", ReplicaSet.class);
    Job job = Fixtures.load("job-complete", Job.class);
    EndpointSlice slice = Fixtures.load("endpointslice-ready", EndpointSlice.class);

    List<SilentSteps.Step> deploymentSteps = SilentSteps.changed(null, deployment);
    assertEquals("clustertour-operator", component(deploymentSteps, "DeploymentCreated"));
    assertEquals("deployment-controller", component(deploymentSteps, "DeploymentAvailable"));
    assertEquals(
        "deployment-controller",
        component(SilentSteps.changed(null, replicaSet), "ReplicaSetCreated"));
    List<SilentSteps.Step> jobSteps = SilentSteps.changed(null, job);
    assertEquals("clustertour-operator", component(jobSteps, "JobCreated"));
    assertEquals("job-controller", component(jobSteps, "JobComplete"), "atomic f:conditions");
    assertEquals(
        "endpointslice-controller",
        component(SilentSteps.changed(null, slice), "EndpointSliceReady"));

    // the same objects written by someone else
    for (var object : List.of(deployment, replicaSet, job, slice)) {
      Fixtures.renameManager(object, "kube-controller-manager", "argocd-application-controller");
    }
    assertEquals(
        "argocd-application-controller",
        component(SilentSteps.changed(null, deployment), "DeploymentAvailable"));
    assertEquals(
        "argocd-application-controller",
        component(SilentSteps.changed(null, replicaSet), "ReplicaSetCreated"));
    assertEquals(
        "argocd-application-controller", component(SilentSteps.changed(null, job), "JobComplete"));
    assertEquals(
        "argocd-application-controller",
        component(SilentSteps.changed(null, slice), "EndpointSliceReady"));
  }

  @Test
  void creatorIsTheWriterOfTheCreationNotTheFirstEntryOfTheSameSecond() {
    // kube-controller-manager set the pod CIDR in the kubelet's registration second; the API
    // server lists it first (entries are sorted by operation, time, then manager name)
    Node node = Fixtures.load("node-kubeadm", Node.class);

    assertEquals(
        "kube-controller-manager", node.getMetadata().getManagedFields().get(0).getManager());
    assertEquals("kubelet", Meta.creator(node));
    assertEquals(
        "clustertour-operator",
        Meta.creator(Fixtures.load("deployment-available", Deployment.class)));
    assertEquals(
        Meta.UNKNOWN_CLIENT,
        Meta.creator(Fixtures.load("serviceaccount-default", ServiceAccount.class)));
  }
}
