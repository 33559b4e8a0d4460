package io.clustertour.operator.observe;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns the Inventory's reads into timeline observations (source {@code inventory}). */
final class InventoryTimeline {
  /** Most nodes, pods or lines listed; the rest are counted. */
  static final int LIST_CAP = 10;

  static final String APISERVER = "kube-apiserver";
  static final String KUBELET = "kubelet";

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
    add(
        "NodeRegistered",
        Meta.creator(node),
        "Node",
        name,
        uid,
        "Node object created by " + Meta.creator(node),
        Meta.created(node));
    NodeSystemInfo info = NodeFacts.info(node);
    add(
        "NodeStatus",
        KUBELET,
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
                    + info.getOsImage()),
        null);
    Optional<NodeCondition> ready = NodeFacts.ready(node).filter(c -> "True".equals(c.getStatus()));
    ready.ifPresent(
        c ->
            add(
                "KubeletReporting",
                KUBELET,
                "Node",
                name,
                uid,
                "kubelet on " + name + " keeps posting node status (last heartbeat shown)",
                Meta.time(c.getLastHeartbeatTime())));
    if (info != null) {
      add(
          "ContainerRuntime",
          NodeFacts.runtimeName(info.getContainerRuntimeVersion()),
          "Node",
          name,
          uid,
          "kubelet talks CRI to " + info.getContainerRuntimeVersion(),
          null);
    }
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
    return nodes.stream().map(n -> n.getMetadata().getName()).toList();
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
