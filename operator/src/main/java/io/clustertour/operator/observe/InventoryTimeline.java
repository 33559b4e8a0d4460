package io.clustertour.operator.observe;

import io.clustertour.operator.observe.Meta.Host;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Turns the Inventory's reads into timeline observations (source {@code inventory}). */
final class InventoryTimeline {
  /** Most nodes, pods or lines listed; the rest are counted. */
  static final int LIST_CAP = 10;

  static final String APISERVER = "kube-apiserver";
  static final String KUBELET = "kubelet";
  static final String UNKNOWN = "unknown";

  private final String version;
  private final List<Node> nodes;
  private final KubeSystemPods kubeSystem;
  private final List<String> leases;
  private final ApiScopes scopes;
  private final DistributionGuess guess;
  private final Optional<Boolean> fromCache;
  private final List<Observation> items = new ArrayList<>();
  private final Instant now = Instant.now();

  InventoryTimeline(
      String version,
      List<Node> nodes,
      KubeSystemPods kubeSystem,
      List<String> leases,
      ApiScopes scopes,
      DistributionGuess guess,
      Optional<Boolean> fromCache) {
    this.version = version;
    this.nodes = nodes;
    this.kubeSystem = kubeSystem;
    this.leases = leases;
    this.scopes = scopes;
    this.guess = guess;
    this.fromCache = fromCache;
  }

  List<Observation> build() {
    add(
        "ServerVersion",
        APISERVER,
        "Version",
        version,
        null,
        "API server reports " + version,
        null);
    nodes.stream().limit(LIST_CAP).forEach(this::node);
    // the claims are about every node, so they are judged over all of them, not the listed ones
    registrations();
    statuses();
    kubelets();
    runtimes();
    controlPlane();
    addons();
    add(
        "ApiResourceScopes",
        APISERVER,
        "Discovery",
        "apis",
        null,
        scopes.namespaced()
            + " namespaced and "
            + scopes.clusterScoped()
            + " cluster-scoped resource types, e.g. "
            + String.join(", ", scopes.clusterScopedExamples())
            + (scopes.unavailableGroups().isEmpty()
                ? ""
                : "; not discoverable: " + String.join(", ", scopes.unavailableGroups())),
        null);
    add("Distribution", guess.name(), "Cluster", guess.name(), null, guess.evidence(), null);
    add(
        nodes.size() == 1 ? "SingleNodeCluster" : "MultiNodeCluster",
        APISERVER,
        "Cluster",
        guess.name(),
        null,
        nodes.size() + " node(s): " + String.join(", ", cap(nodeNames())),
        null);
    fromCache.ifPresent(
        cached ->
            add(
                cached ? "ListServedFromWatchCache" : "ListServedFromEtcd",
                APISERVER,
                "Feature",
                WatchCacheProbe.FEATURE,
                null,
                cached
                    ? "ConsistentListFromCache is on: lists such as GET /api/v1/nodes are answered"
                        + " from the API server's watch cache, which a watch on etcd keeps current"
                    : "ConsistentListFromCache is off: consistent lists are read from etcd; only"
                        + " lists with resourceVersion=0 come from the watch cache",
                null));
    add(
        "NodeLifecycleNotExercised",
        "node-lifecycle-controller",
        "Cluster",
        guess.name(),
        null,
        "Reacting to a failed node (NotReady taints, evictions) is not exercised: the tour never"
            + " stops a node",
        null);
    return List.copyOf(items);
  }

  private void node(Node node) {
    String name = node.getMetadata().getName();
    String uid = node.getMetadata().getUid();
    Meta.Attribution registrar = registrar(node);
    add(
        "NodeRegistered",
        registrar.component(),
        "Node",
        name,
        uid,
        "Node object created; " + registrar.note(),
        Meta.created(node));
    NodeSystemInfo info = NodeFacts.info(node);
    // status is reset on the Node's creation, so only later status writes are recorded
    Meta.Attribution reporter =
        Meta.attribute(Meta.ownerOf(node, "f:status"), Host.KUBELET, KUBELET);
    add(
        "NodeStatus",
        reporter.component(),
        "Node",
        name,
        uid,
        "Ready="
            + NodeFacts.readyStatus(node)
            + "; "
            + NodeFacts.capacity(node)
            + (info == null
                ? ""
                : "; kubelet "
                    + info.getKubeletVersion()
                    + ", "
                    + info.getContainerRuntimeVersion()
                    + ", "
                    + info.getOsImage())
            + "; "
            + reporter.note(),
        null);
    if (NodeFacts.kubeletProblem(node).isEmpty()) {
      Meta.Attribution heartbeat =
          Meta.attribute(NodeFacts.heartbeatWriter(node), Host.KUBELET, KUBELET);
      add(
          "KubeletReporting",
          heartbeat.component(),
          "Node",
          name,
          uid,
          "kubelet "
              + info.getKubeletVersion()
              + " on "
              + name
              + " posts the Ready heartbeat (last shown); "
              + heartbeat.note(),
          NodeFacts.ready(node).map(c -> Meta.time(c.getLastHeartbeatTime())).orElse(null));
    }
    if (info != null) {
      add(
          "ContainerRuntime",
          NodeFacts.runtimeName(info.getContainerRuntimeVersion()),
          "Node",
          name,
          uid,
          runtimeText(node),
          null);
    }
  }

  /** How the kubelet reaches this node's runtime, as far as versions tell. */
  private static String runtimeText(Node node) {
    String runtime = NodeFacts.info(node).getContainerRuntimeVersion();
    Optional<Boolean> dockershim = NodeFacts.usesDockershim(node);
    if (dockershim.isEmpty()) {
      return "runtime " + runtime;
    }
    if (dockershim.get()) {
      return "kubelet's built-in dockershim calls the Docker daemon of " + runtime;
    }
    return "docker".equals(NodeFacts.runtimeName(runtime))
        ? "kubelet talks CRI to cri-dockerd, which calls the Docker daemon of " + runtime
        : "kubelet talks CRI to " + runtime;
  }

  /**
   * The Node's creator from managedFields (the k3s binary runs the kubelet that registers); with no
   * entry of the creation there is nothing to infer from, the claim being who registers.
   */
  private static Meta.Attribution registrar(Node node) {
    Optional<String> creator = Meta.creatorManager(node);
    return creator.isEmpty()
        ? new Meta.Attribution(UNKNOWN, null, "no managedFields entry of its creation")
        : Meta.attribute(creator, Host.KUBELET, KUBELET);
  }

  /** C22: every Node object created by its own kubelet, by managedFields. */
  private void registrations() {
    if (nodes.isEmpty()) {
      return;
    }
    List<String> unknown = new ArrayList<>();
    Map<String, List<String>> others = new TreeMap<>();
    for (Node node : nodes) {
      Meta.Attribution registrar = registrar(node);
      if (registrar.manager() == null) {
        unknown.add(nameOf(node));
      } else if (!KUBELET.equals(registrar.component())) {
        others.computeIfAbsent(registrar.manager(), m -> new ArrayList<>()).add(nameOf(node));
      }
    }
    if (!others.isEmpty()) {
      List<String> offenders = others.values().stream().flatMap(List::stream).toList();
      add(
          "NodesRegisteredByOthers",
          others.keySet().iterator().next(),
          "Node",
          String.join(", ", cap(offenders)),
          null,
          "created by another field manager than a kubelet: " + byKey(others),
          null);
    } else if (!unknown.isEmpty()) {
      add(
          "NodeRegistrationUnknown",
          APISERVER,
          "Node",
          String.join(", ", cap(unknown)),
          null,
          "no managedFields entry of the Node object's creation, so its creator cannot be read",
          null);
    } else {
      add(
          "NodesRegisteredThemselves",
          KUBELET,
          "Node",
          String.join(", ", cap(nodeNames())),
          null,
          "every Node object was created by its kubelet (managedFields of the creating write)",
          null);
    }
  }

  /** C21: addresses, Ready condition, capacity and nodeInfo reported by every node. */
  private void statuses() {
    if (nodes.isEmpty()) {
      return;
    }
    Map<String, List<String>> missing = new LinkedHashMap<>();
    for (Node node : nodes) {
      List<String> gaps = NodeFacts.missingStatus(node);
      if (!gaps.isEmpty()) {
        missing.put(nameOf(node), gaps);
      }
    }
    if (missing.isEmpty()) {
      add(
          "NodeStatusReported",
          APISERVER,
          "Node",
          String.join(", ", cap(nodeNames())),
          null,
          "every node reports addresses, a Ready condition, capacity cpu/memory/pods and nodeInfo"
              + " (kernel, kubelet, runtime, OS)",
          null);
    } else {
      add(
          "NodeStatusIncomplete",
          APISERVER,
          "Node",
          String.join(", ", cap(List.copyOf(missing.keySet()))),
          null,
          "not reported: " + byKey(missing),
          null);
    }
  }

  /** C18: a kubelet version and a Ready heartbeat posted by a kubelet on every node. */
  private void kubelets() {
    if (nodes.isEmpty()) {
      return;
    }
    Map<String, List<String>> problems = new LinkedHashMap<>();
    for (Node node : nodes) {
      NodeFacts.kubeletProblem(node).ifPresent(p -> problems.put(nameOf(node), List.of(p)));
    }
    if (problems.isEmpty()) {
      add(
          "KubeletOnEveryNode",
          KUBELET,
          "Node",
          String.join(", ", cap(nodeNames())),
          null,
          "every node has a kubelet version and a Ready heartbeat posted by its kubelet",
          null);
    } else {
      add(
          "KubeletNotOnEveryNode",
          APISERVER,
          "Node",
          String.join(", ", cap(List.copyOf(problems.keySet()))),
          null,
          "no running kubelet seen: " + byKey(problems),
          null);
    }
  }

  /** C09: whether kubelets reach their runtime over CRI or through the old dockershim. */
  private void runtimes() {
    Map<String, List<String>> cri = new TreeMap<>();
    Map<String, List<String>> dockershim = new TreeMap<>();
    List<String> criNodes = new ArrayList<>();
    List<String> dockershimNodes = new ArrayList<>();
    for (Node node : nodes) {
      Optional<Boolean> shim = NodeFacts.usesDockershim(node);
      if (shim.isEmpty()) {
        continue;
      }
      String runtime = NodeFacts.info(node).getContainerRuntimeVersion();
      boolean docker = "docker".equals(NodeFacts.runtimeName(runtime));
      String key = docker && !shim.get() ? runtime + " via cri-dockerd" : runtime;
      (shim.get() ? dockershim : cri)
          .computeIfAbsent(key, k -> new ArrayList<>())
          .add(nameOf(node));
      (shim.get() ? dockershimNodes : criNodes).add(nameOf(node));
    }
    if (!cri.isEmpty()) {
      add(
          "KubeletSpeaksCri",
          KUBELET,
          "Node",
          String.join(", ", cap(criNodes)),
          null,
          "kubelets call the runtime over CRI (gRPC), inferred from kubelet and runtime versions: "
              + byKey(cri),
          null);
    }
    if (!dockershim.isEmpty()) {
      add(
          "KubeletUsesDockershim",
          KUBELET,
          "Node",
          String.join(", ", cap(dockershimNodes)),
          null,
          "kubelets older than 1.24 call the Docker daemon through their built-in dockershim: "
              + byKey(dockershim),
          null);
    }
  }

  /** "key: a, b; key2: c" for messages. */
  private static String byKey(Map<String, List<String>> groups) {
    return groups.entrySet().stream()
        .map(e -> e.getKey() + ": " + String.join(", ", e.getValue()))
        .collect(Collectors.joining("; "));
  }

  private static String nameOf(Node node) {
    return node.getMetadata().getName();
  }

  private void controlPlane() {
    String leaseText = leases.isEmpty() ? "" : "; leader leases: " + String.join(", ", leases);
    if (kubeSystem.controlPlane().isEmpty()) {
      add(
          "ControlPlaneHidden",
          InventoryReader.KUBE_SYSTEM,
          "Namespace",
          InventoryReader.KUBE_SYSTEM,
          null,
          "No etcd, kube-apiserver, kube-controller-manager or kube-scheduler pods: the control"
              + " plane runs outside the cluster's pods"
              + leaseText,
          null);
    } else {
      add(
          "ControlPlanePods",
          InventoryReader.KUBE_SYSTEM,
          "Namespace",
          InventoryReader.KUBE_SYSTEM,
          null,
          String.join(", ", cap(kubeSystem.controlPlane())) + leaseText,
          null);
    }
  }

  private void addons() {
    if (kubeSystem.addons().isEmpty()) {
      add(
          "NoAddonPods",
          InventoryReader.KUBE_SYSTEM,
          "Namespace",
          InventoryReader.KUBE_SYSTEM,
          null,
          "No add-on pods (DNS, kube-proxy, CNI) in kube-system",
          null);
    } else {
      add(
          "AddonPods",
          InventoryReader.KUBE_SYSTEM,
          "Namespace",
          InventoryReader.KUBE_SYSTEM,
          null,
          String.join(", ", cap(kubeSystem.addons()))
              + (kubeSystem.cni().isEmpty() ? "" : "; CNI: " + String.join(", ", kubeSystem.cni())),
          null);
    }
  }

  private List<String> nodeNames() {
    return nodes.stream().map(InventoryTimeline::nameOf).toList();
  }

  private void add(
      String reason,
      String component,
      String kind,
      String name,
      String uid,
      String message,
      Instant time) {
    Observation item =
        new Observation(
            0,
            now,
            null,
            Observation.INVENTORY,
            reason,
            component,
            kind,
            name,
            uid,
            message,
            time,
            time == null ? null : Observation.SECONDS,
            null,
            1,
            false,
            false,
            "inventory/" + reason + "/" + name,
            0);
    items.add(item.received(now));
  }

  /** At most {@link #LIST_CAP} entries; the last one counts what was left out. */
  static List<String> cap(List<String> list) {
    if (list.size() <= LIST_CAP) {
      return List.copyOf(list);
    }
    List<String> capped = new ArrayList<>(list.subList(0, LIST_CAP - 1));
    capped.add("+" + (list.size() - LIST_CAP + 1) + " more");
    return capped;
  }
}
