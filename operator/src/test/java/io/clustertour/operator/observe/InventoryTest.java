package io.clustertour.operator.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.ClusterInfo;
import io.clustertour.operator.api.NodeSummary;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class InventoryTest {
  static final KubeSystemPods NO_PODS = KubeSystemPods.classify(List.of());

  static NodeBuilder node(String name, Map<String, String> labels, String kubelet) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withUid(name + "-uid")
        .withLabels(labels)
        .withCreationTimestamp("2025-01-01T09:00:00Z")
        .withManagedFields(
            new ManagedFieldsEntryBuilder()
                .withManager("kubelet")
                .withOperation("Update")
                .withTime("2025-01-01T09:00:00Z")
                .build())
        .endMetadata()
        .withNewSpec()
        .endSpec()
        .withNewStatus()
        .addNewAddress("10.0.0.4", "InternalIP")
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .withLastHeartbeatTime("2025-01-01T10:00:00Z")
        .endCondition()
        .withCapacity(
            Map.of(
                "cpu",
                new Quantity("4"),
                "memory",
                new Quantity("8Gi"),
                "pods",
                new Quantity("110")))
        .withNewNodeInfo()
        .withKubeletVersion(kubelet)
        .withContainerRuntimeVersion("containerd://1.6.20")
        .withOsImage("Debian GNU/Linux 12 (bookworm)")
        .withKernelVersion("6.1.0")
        .endNodeInfo()
        .endStatus();
  }

  static Pod kubeSystemPod(
      String name, String component, String ownerKind, String ownerName, String hash) {
    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withNamespace("kube-system")
            .withName(name)
            .endMetadata();
    if (component != null) {
      pod.editMetadata().addToLabels("component", component).endMetadata();
    }
    if (ownerKind != null) {
      pod.editMetadata()
          .addNewOwnerReference()
          .withKind(ownerKind)
          .withName(ownerName)
          .endOwnerReference()
          .endMetadata();
    }
    if (hash != null) {
      pod.editMetadata().addToLabels("pod-template-hash", hash).endMetadata();
    }
    return pod.build();
  }

  static String guess(Node node, KubeSystemPods pods) {
    return DistributionGuess.of(List.of(node), pods).name();
  }

  @Test
  void guessesDistributionsFromNodeMarks() {
    assertEquals(
        "minikube",
        guess(
            node("minikube", Map.of("minikube.k8s.io/name", "minikube"), "v1.33.1").build(),
            NO_PODS));
    assertEquals("k3s", guess(node("k3s-server", Map.of(), "v1.33.1+k3s1").build(), NO_PODS));
    assertEquals(
        "aks",
        guess(
            node("aks-nodepool1-1", Map.of("kubernetes.azure.com/cluster", "mc_rg"), "v1.33.1")
                .build(),
            NO_PODS));
    assertEquals(
        "clustertour-local",
        guess(
            node("box", Map.of(DistributionGuess.LOCAL_LABEL, "true"), "v1.33.13").build(),
            NO_PODS));
    assertEquals(
        "kind",
        guess(
            node("x", Map.of(), "v1.33.1")
                .editSpec()
                .withProviderID("kind://docker/kind/x")
                .endSpec()
                .build(),
            NO_PODS));
    assertEquals("other", guess(node("worker-1", Map.of(), "v1.33.1").build(), NO_PODS));
  }

  @Test
  void kindNameNeedsKindnetToo() {
    Node controlPlane = node("kind-control-plane", Map.of(), "v1.33.1").build();
    KubeSystemPods withKindnet =
        KubeSystemPods.classify(
            List.of(kubeSystemPod("kindnet-abcde", null, "DaemonSet", "kindnet", null)));

    DistributionGuess kind = DistributionGuess.of(List.of(controlPlane), withKindnet);

    assertEquals("kind", kind.name());
    assertTrue(kind.evidence().contains("kindnet"));
    assertEquals("other", guess(controlPlane, NO_PODS));
  }

  /**
   * A node as kubeadm registers it (annotations copied from the kubeadm profile's control plane).
   */
  static Node kubeadmNode(String name) {
    return node(
            name,
            new java.util.HashMap<>(Map.of("node-role.kubernetes.io/control-plane", "")),
            "v1.33.13")
        .editMetadata()
        .addToAnnotations(
            DistributionGuess.KUBEADM_CRI_SOCKET, "unix:///run/containerd/containerd.sock")
        .addToAnnotations("node.alpha.kubernetes.io/ttl", "0")
        .endMetadata()
        .build();
  }

  /** A static pod's mirror, with the annotations the kubelet (and maybe kubeadm) put on it. */
  static Pod mirrorPod(String component, String node, Map<String, String> extra) {
    Pod pod = kubeSystemPod(component + "-" + node, component, null, null, null);
    pod.getMetadata().setAnnotations(new java.util.TreeMap<>(extra));
    pod.getMetadata().getAnnotations().put(KubeSystemPods.MIRROR_ANNOTATION, "94ded5cb78d7e406");
    pod.getMetadata().getAnnotations().put("kubernetes.io/config.source", "file");
    pod.getMetadata()
        .setOwnerReferences(
            List.of(
                new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
                    .withKind("Node")
                    .withName(node)
                    .build()));
    return pod;
  }

  @Test
  void namesKubeadmBuiltClustersFromTheNodeAnnotation() {
    DistributionGuess guess =
        DistributionGuess.of(List.of(kubeadmNode("kubeadm-control-plane")), NO_PODS);

    assertEquals("kubeadm", guess.name());
    assertEquals(
        "node kubeadm-control-plane has annotation kubeadm.alpha.kubernetes.io/cri-socket="
            + "unix:///run/containerd/containerd.sock",
        guess.evidence());
  }

  @Test
  void namesKubeadmBuiltClustersFromTheStaticPodsItWrote() {
    KubeSystemPods pods =
        KubeSystemPods.classify(
            List.of(
                mirrorPod(
                    "kube-apiserver",
                    "cp-1",
                    Map.of(
                        "kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint",
                        "10.210.0.2:6443")),
                mirrorPod("kube-scheduler", "cp-1", Map.of())));
    DistributionGuess guess =
        DistributionGuess.of(List.of(node("cp-1", Map.of(), "v1.33.13").build()), pods);

    assertEquals("kubeadm", guess.name());
    assertEquals(
        "mirror pod kube-apiserver-cp-1 has annotation"
            + " kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint"
            + " (a static pod kubeadm wrote)",
        guess.evidence());
    // a static pod alone (RKE2, a hand-written manifest) is no kubeadm mark
    KubeSystemPods plainStatic =
        KubeSystemPods.classify(List.of(mirrorPod("kube-scheduler", "cp-1", Map.of())));
    assertEquals("other", guess(node("cp-1", Map.of(), "v1.33.13").build(), plainStatic));
  }

  @Test
  void kindAndMinikubeWinOverTheKubeadmUnderneath() {
    Node kindNode = kubeadmNode("dev-control-plane");
    kindNode
        .getStatus()
        .setImages(
            List.of(
                new io.fabric8.kubernetes.api.model.ContainerImageBuilder()
                    .withNames(
                        "docker.io/kindest/kindnetd@sha256:0b3c5a1e",
                        "docker.io/kindest/kindnetd:v20260820-69b56db7")
                    .build(),
                new io.fabric8.kubernetes.api.model.ContainerImageBuilder()
                    .withNames("registry.k8s.io/kube-apiserver:v1.33.1")
                    .build()));
    DistributionGuess kind = DistributionGuess.of(List.of(kindNode), NO_PODS);
    assertEquals("kind", kind.name());
    assertEquals(
        "node dev-control-plane holds kind's image docker.io/kindest/kindnetd:v20260820-69b56db7",
        kind.evidence());

    Node minikube = kubeadmNode("minikube");
    minikube.getMetadata().getLabels().put("minikube.k8s.io/version", "v1.36.0");
    assertEquals("minikube", guess(minikube, NO_PODS));

    // kind's real providerID (kind's kubeadm config: kind://PROVIDER/CLUSTER/NODE) on a kubeadm
    // node
    Node withProvider = kubeadmNode("kind-worker2");
    withProvider.getSpec().setProviderID("kind://docker/kind/kind-worker2");
    assertEquals("kind", guess(withProvider, NO_PODS));
  }

  @Test
  void classifiesKubeSystemPods() {
    KubeSystemPods pods =
        KubeSystemPods.classify(
            List.of(
                kubeSystemPod("etcd-minikube", "etcd", "Node", "minikube", null),
                kubeSystemPod(
                    "kube-apiserver-minikube", "kube-apiserver", "Node", "minikube", null),
                kubeSystemPod("kube-scheduler-minikube", null, null, null, null),
                kubeSystemPod(
                    "coredns-668d6bf9bc-abcde",
                    null,
                    "ReplicaSet",
                    "coredns-668d6bf9bc",
                    "668d6bf9bc"),
                kubeSystemPod(
                    "coredns-668d6bf9bc-fghij",
                    null,
                    "ReplicaSet",
                    "coredns-668d6bf9bc",
                    "668d6bf9bc"),
                kubeSystemPod("kube-proxy-xyz12", null, "DaemonSet", "kube-proxy", null),
                kubeSystemPod("calico-node-q1w2e", null, "DaemonSet", "calico-node", null)));

    assertEquals(
        List.of("etcd-minikube", "kube-apiserver-minikube", "kube-scheduler-minikube"),
        pods.controlPlane());
    assertEquals(List.of("calico-node", "coredns (2 pods)", "kube-proxy"), pods.addons());
    assertEquals(List.of("calico-node"), pods.cni());
  }

  @Test
  void parsesRuntimeNames() {
    assertEquals("containerd", NodeFacts.runtimeName("containerd://1.6.20"));
    assertEquals("docker", NodeFacts.runtimeName("docker://20.10.7"));
    assertEquals("cri-o", NodeFacts.runtimeName("cri-o://1.28.1"));
    assertEquals("unknown", NodeFacts.runtimeName(null));
  }

  @Test
  void readsTheWatchCacheFeatureGateFromMetrics() {
    Stream<String> enabled =
        Stream.of(
            "# HELP kubernetes_feature_enabled [BETA] ...",
            "kubernetes_feature_enabled{name=\"AllAlpha\",stage=\"ALPHA\"} 0",
            "kubernetes_feature_enabled{name=\"ConsistentListFromCache\",stage=\"BETA\"} 1");
    Stream<String> disabled =
        Stream.of("kubernetes_feature_enabled{name=\"ConsistentListFromCache\",stage=\"BETA\"} 0");

    assertEquals(Optional.of(true), WatchCacheProbe.featureEnabled(enabled));
    assertEquals(Optional.of(false), WatchCacheProbe.featureEnabled(disabled));
    assertEquals(
        Optional.empty(), WatchCacheProbe.featureEnabled(Stream.of("apiserver_request_total 5")));
  }

  @Test
  void countsApiScopesWithoutSubresources() {
    List<APIResource> resources =
        List.of(
            new APIResourceBuilder().withName("pods").withNamespaced(true).build(),
            new APIResourceBuilder().withName("pods/log").withNamespaced(true).build(),
            new APIResourceBuilder().withName("nodes").withNamespaced(false).build(),
            new APIResourceBuilder().withName("apiservices").withNamespaced(false).build());

    ApiScopes scopes = ApiScopes.of(resources, List.of());

    assertEquals(1, scopes.namespaced());
    assertEquals(2, scopes.clusterScoped());
    assertEquals(List.of("nodes", "apiservices"), scopes.clusterScopedExamples());
  }

  @Test
  void assemblesClusterInfoAndTimelineForASingleNodeClusterWithHiddenControlPlane() {
    Node node = node("k3s-server", Map.of(), "v1.33.1+k3s1").build();
    ApiScopes scopes =
        ApiScopes.of(
            List.of(new APIResourceBuilder().withName("nodes").withNamespaced(false).build()),
            List.of());

    InventoryResult result =
        InventoryReader.assemble(
            "v1.33.1+k3s1",
            List.of(node),
            NO_PODS,
            List.of("kube-scheduler: no lease"),
            scopes,
            Optional.empty());

    ClusterInfo cluster = result.cluster();
    assertEquals("k3s", cluster.distribution);
    assertEquals(1, cluster.nodeCount);
    assertEquals("kubelet", cluster.nodes.get(0).registeredBy);
    assertEquals("cpu=4, memory=8Gi, pods=110", cluster.nodes.get(0).capacity);
    assertEquals(List.of("InternalIP=10.0.0.4"), cluster.nodes.get(0).addresses);
    List<String> reasons = result.timeline().stream().map(Observation::reason).toList();
    assertTrue(
        reasons.containsAll(
            List.of(
                "ServerVersion",
                "NodeRegistered",
                "NodeStatus",
                "KubeletReporting",
                "ContainerRuntime",
                "ControlPlaneHidden",
                "NoAddonPods",
                "ApiResourceScopes",
                "Distribution",
                "SingleNodeCluster",
                "NodeLifecycleNotExercised")),
        reasons.toString());
    assertFalse(
        reasons.contains("ListServedFromWatchCache") || reasons.contains("ListServedFromEtcd"),
        "omitted when unknown");
    Observation runtime =
        result.timeline().stream()
            .filter(o -> o.reason().equals("ContainerRuntime"))
            .findFirst()
            .orElseThrow();
    assertEquals("containerd", runtime.component());
    assertTrue(result.timeline().stream().allMatch(o -> Observation.INVENTORY.equals(o.source())));
    for (int i = 1; i < result.timeline().size(); i++) {
      assertTrue(result.timeline().get(i - 1).seq() < result.timeline().get(i).seq());
    }
  }

  @Test
  void capsListsAtTenAndCountsTheRest() {
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      nodes.add(node("node-" + i, Map.of(), "v1.33.1").build());
    }

    InventoryResult result =
        InventoryReader.assemble(
            "v1.33.1",
            nodes,
            NO_PODS,
            List.of(),
            ApiScopes.of(List.of(), List.of()),
            Optional.of(true));

    assertEquals(10, result.cluster().nodes.size());
    assertEquals(12, result.cluster().nodeCount);
    assertTrue(result.timeline().stream().anyMatch(o -> o.reason().equals("MultiNodeCluster")));
    assertTrue(
        result.timeline().stream().anyMatch(o -> o.reason().equals("ListServedFromWatchCache")));
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      many.add("p" + i);
    }
    List<String> capped = InventoryTimeline.cap(many);
    assertEquals(10, capped.size());
    assertEquals("+6 more", capped.get(9));
  }

  // --- claims about every node, judged node by node on Node objects as v1.33 returns them ---

  static Node worker(String name) {
    return new NodeBuilder(Fixtures.load("node-kubeadm", Node.class))
        .editMetadata()
        .withName(name)
        .withUid(name + "-uid")
        .endMetadata()
        .build();
  }

  static List<Observation> timeline(Node... nodes) {
    return InventoryReader.assemble(
            "v1.33.1",
            List.of(nodes),
            NO_PODS,
            List.of(),
            ApiScopes.of(List.of(), List.of()),
            Optional.empty())
        .timeline();
  }

  static Optional<Observation> finding(List<Observation> timeline, String reason) {
    return timeline.stream().filter(o -> o.reason().equals(reason)).findFirst();
  }

  @Test
  void nodeStatusClaimHoldsOnlyWhenEveryNodeReportsIt() {
    Node bare = worker("worker-2");
    bare.getStatus().setAddresses(List.of());
    bare.getStatus().getCapacity().remove("pods");
    bare.getStatus().getNodeInfo().setKernelVersion("");

    List<Observation> healthy = timeline(worker("worker-1"), worker("worker-3"));
    List<Observation> gap = timeline(worker("worker-1"), bare, worker("worker-3"));

    assertEquals(
        "Node/worker-1, worker-3", finding(healthy, "NodeStatusReported").orElseThrow().object());
    assertTrue(finding(healthy, "NodeStatusIncomplete").isEmpty());
    assertTrue(finding(gap, "NodeStatusReported").isEmpty());
    Observation incomplete = finding(gap, "NodeStatusIncomplete").orElseThrow();
    assertEquals("Node/worker-2", incomplete.object());
    assertEquals(
        "not reported: worker-2: addresses, capacity pods, nodeInfo kernel", incomplete.message());
  }

  @Test
  void kubeletClaimNamesEveryNodeWithoutARunningKubelet() {
    // the kubelet of worker-2 stopped: the node lifecycle controller set Ready to Unknown
    Node stopped = worker("worker-2");
    NodeCondition ready = NodeFacts.ready(stopped).orElseThrow();
    ready.setStatus("Unknown");
    ready.setReason("NodeStatusUnknown");
    ready.setMessage("Kubelet stopped posting node status.");
    // worker-3 is a fake node whose status KWOK writes, not a kubelet
    Node fake = Fixtures.renameManager(worker("worker-3"), "kubelet", "kwok-controller");

    List<Observation> healthy = timeline(worker("worker-1"));
    List<Observation> broken = timeline(worker("worker-1"), stopped, fake);

    Observation everywhere = finding(healthy, "KubeletOnEveryNode").orElseThrow();
    assertEquals("kubelet", everywhere.component());
    assertTrue(finding(broken, "KubeletOnEveryNode").isEmpty());
    Observation missing = finding(broken, "KubeletNotOnEveryNode").orElseThrow();
    assertEquals("Node/worker-2, worker-3", missing.object());
    assertTrue(missing.message().contains("worker-2: Ready is Unknown"), missing.message());
    assertTrue(
        missing.message().contains("worker-3: Ready heartbeat written by field manager kwok"),
        missing.message());
    List<String> reporting =
        broken.stream()
            .filter(o -> o.reason().equals("KubeletReporting"))
            .map(Observation::name)
            .toList();
    assertEquals(List.of("worker-1"), reporting, "only a kubelet's own heartbeat counts");
  }

  @Test
  void dockerRuntimeIsReachedOverCriThroughCriDockerdSince124() {
    Node minikube = worker("minikube");
    minikube.getStatus().getNodeInfo().setContainerRuntimeVersion("docker://28.0.4");
    Node old = worker("legacy");
    old.getStatus().getNodeInfo().setContainerRuntimeVersion("docker://20.10.7");
    old.getStatus().getNodeInfo().setKubeletVersion("v1.23.17");

    List<Observation> current = timeline(minikube, worker("worker-1"));
    List<Observation> legacy = timeline(old);

    Observation cri = finding(current, "KubeletSpeaksCri").orElseThrow();
    assertEquals("kubelet", cri.component());
    assertEquals("Node/minikube, worker-1", cri.object());
    assertTrue(cri.message().contains("docker://28.0.4 via cri-dockerd: minikube"), cri.message());
    assertTrue(finding(current, "KubeletUsesDockershim").isEmpty());
    assertTrue(
        finding(current, "ContainerRuntime").orElseThrow().message().contains("cri-dockerd"));
    assertEquals("Node/legacy", finding(legacy, "KubeletUsesDockershim").orElseThrow().object());
    assertTrue(finding(legacy, "KubeletSpeaksCri").isEmpty());
  }

  @Test
  void nodeRegistrationIsReadFromTheCreatingWrite() {
    // a Node someone created by hand (kubectl create -f node.yaml), e.g. for a virtual kubelet
    Node byHand =
        Fixtures.withManagedFields(
            worker("virtual-1"),
            Fixtures.entry(
                "kubectl-create",
                "Update",
                null,
                "2025-06-02T08:14:03Z",
                "f:metadata: {f:labels: {.: {}, f:type: {}}}"));
    Node unrecorded = worker("old-1");
    unrecorded.getMetadata().setManagedFields(List.of());

    Observation themselves =
        finding(
                timeline(worker("worker-1"), Fixtures.load("node-k3s", Node.class)),
                "NodesRegisteredThemselves")
            .orElseThrow();
    Observation others =
        finding(timeline(worker("worker-1"), byHand), "NodesRegisteredByOthers").orElseThrow();
    Observation unknown =
        finding(timeline(worker("worker-1"), unrecorded), "NodeRegistrationUnknown").orElseThrow();

    assertEquals("kubelet", themselves.component(), "k3s runs the kubelet in its own process");
    assertEquals("kubectl-create", others.component());
    assertEquals("Node/virtual-1", others.object());
    assertEquals("Node/old-1", unknown.object());
    NodeSummary k3s = NodeFacts.summary(Fixtures.load("node-k3s", Node.class));
    assertEquals("k3s", k3s.registeredBy, "the summary keeps the field manager itself");
  }
}
