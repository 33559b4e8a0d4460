package io.clustertour.operator.observe;

import io.clustertour.operator.api.NodeSummary;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a Node object says about its kubelet, runtime and capacity, judged one node at a time. */
final class NodeFacts {
  /** The first minor version whose kubelet has no dockershim: it reaches Docker only over CRI. */
  static final int NO_DOCKERSHIM_MINOR = 24;

  private static final Pattern VERSION = Pattern.compile("^v?(\\d+)\\.(\\d+)");
  private static final List<String> CAPACITY = List.of("cpu", "memory", "pods");

  private NodeFacts() {}

  static NodeSummary summary(Node node) {
    NodeSummary summary = new NodeSummary();
    summary.name = node.getMetadata().getName();
    if (node.getStatus() != null && node.getStatus().getAddresses() != null) {
      summary.addresses =
          node.getStatus().getAddresses().stream()
              .map(a -> a.getType() + "=" + a.getAddress())
              .toList();
    }
    summary.ready = readyStatus(node);
    summary.capacity = capacity(node);
    NodeSystemInfo info = info(node);
    if (info != null) {
      summary.kubeletVersion = info.getKubeletVersion();
      summary.containerRuntime = info.getContainerRuntimeVersion();
      summary.os = info.getOsImage() + ", kernel " + info.getKernelVersion();
    }
    // omitted rather than guessed when no entry of the creation is left
    summary.registeredBy = Meta.creatorManager(node).orElse(null);
    return summary;
  }

  /** True, False or Unknown (also when the kubelet never posted the condition). */
  static String readyStatus(Node node) {
    return ready(node).map(NodeCondition::getStatus).orElse("Unknown");
  }

  static Optional<NodeCondition> ready(Node node) {
    if (node.getStatus() == null || node.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return node.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .findFirst();
  }

  static String capacity(Node node) {
    Map<String, Quantity> capacity =
        node.getStatus() == null ? null : node.getStatus().getCapacity();
    if (capacity == null) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (String resource : CAPACITY) {
      Quantity quantity = capacity.get(resource);
      if (quantity != null) {
        text.append(text.isEmpty() ? "" : ", ").append(resource).append('=').append(quantity);
      }
    }
    return text.toString();
  }

  static NodeSystemInfo info(Node node) {
    return node.getStatus() == null ? null : node.getStatus().getNodeInfo();
  }

  /**
   * What of the status the study notes promise (addresses, the Ready condition, capacity cpu /
   * memory / pods, nodeInfo kernel / kubelet / runtime / OS) this node does not report; empty when
   * it reports everything.
   */
  static List<String> missingStatus(Node node) {
    List<String> missing = new ArrayList<>();
    NodeStatus status = node.getStatus();
    if (status == null || status.getAddresses() == null || status.getAddresses().isEmpty()) {
      missing.add("addresses");
    }
    if (ready(node).isEmpty()) {
      missing.add("Ready condition");
    }
    Map<String, Quantity> capacity = status == null ? null : status.getCapacity();
    List<String> noCapacity =
        CAPACITY.stream().filter(r -> capacity == null || capacity.get(r) == null).toList();
    if (!noCapacity.isEmpty()) {
      missing.add("capacity " + String.join("/", noCapacity));
    }
    NodeSystemInfo info = info(node);
    List<String> noInfo = new ArrayList<>();
    if (info == null || blank(info.getKernelVersion())) {
      noInfo.add("kernel");
    }
    if (info == null || blank(info.getKubeletVersion())) {
      noInfo.add("kubelet version");
    }
    if (info == null || blank(info.getContainerRuntimeVersion())) {
      noInfo.add("runtime");
    }
    if (info == null || blank(info.getOsImage())) {
      noInfo.add("OS");
    }
    if (!noInfo.isEmpty()) {
      missing.add("nodeInfo " + String.join("/", noInfo));
    }
    return missing;
  }

  /** The field manager that wrote the Ready condition's heartbeat, if managedFields record it. */
  static Optional<String> heartbeatWriter(Node node) {
    return Meta.ownerOf(
        node, "f:status", "f:conditions", "k:{\"type\":\"Ready\"}", "f:lastHeartbeatTime");
  }

  /**
   * Why this node shows no running kubelet, or empty when it does: a kubelet version, and a Ready
   * condition posted by a kubelet with a heartbeat. Unknown means the node lifecycle controller
   * stopped hearing from the kubelet (Ready True or False is the kubelet's own report).
   */
  static Optional<String> kubeletProblem(Node node) {
    NodeSystemInfo info = info(node);
    if (info == null || blank(info.getKubeletVersion())) {
      return Optional.of("no kubelet version");
    }
    Optional<NodeCondition> ready = ready(node);
    if (ready.isEmpty()) {
      return Optional.of("no Ready condition");
    }
    if (blank(ready.get().getLastHeartbeatTime())) {
      return Optional.of("no Ready heartbeat");
    }
    if ("Unknown".equals(ready.get().getStatus())) {
      return Optional.of("Ready is Unknown: its kubelet stopped posting status");
    }
    Optional<String> writer = heartbeatWriter(node);
    if (writer.isPresent() && !Meta.Host.KUBELET.runs(writer.get())) {
      return Optional.of("Ready heartbeat written by field manager " + writer.get());
    }
    return Optional.empty();
  }

  /**
   * Whether this node's kubelet reaches the runtime through its built-in dockershim (a {@code
   * docker://} runtime under a kubelet older than 1.24) rather than over CRI; empty when the
   * runtime or the kubelet version is not known.
   */
  static Optional<Boolean> usesDockershim(Node node) {
    NodeSystemInfo info = info(node);
    if (info == null || blank(info.getContainerRuntimeVersion())) {
      return Optional.empty();
    }
    if (!"docker".equals(runtimeName(info.getContainerRuntimeVersion()))) {
      return Optional.of(false);
    }
    return kubeletMinor(info.getKubeletVersion()).map(minor -> minor < NO_DOCKERSHIM_MINOR);
  }

  /** The minor version of a 1.x kubelet (v1.33.1+k3s1 → 33); empty when unreadable. */
  static Optional<Integer> kubeletMinor(String version) {
    Matcher m = VERSION.matcher(version == null ? "" : version.trim());
    if (!m.find() || !"1".equals(m.group(1))) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(m.group(2)));
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  /** Runtime name from containerRuntimeVersion, e.g. containerd://1.6.20 → containerd. */
  static String runtimeName(String containerRuntimeVersion) {
    if (containerRuntimeVersion == null || containerRuntimeVersion.isBlank()) {
      return "unknown";
    }
    int scheme = containerRuntimeVersion.indexOf("://");
    String name =
        scheme > 0 ? containerRuntimeVersion.substring(0, scheme) : containerRuntimeVersion;
    return name.toLowerCase(java.util.Locale.ROOT);
  }
}
