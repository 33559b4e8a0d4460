package io.clustertour.operator.observe;

import io.clustertour.operator.api.NodeSummary;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a Node object says about its kubelet, runtime and capacity. */
final class NodeFacts {
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
    summary.registeredBy = Meta.creator(node);
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
    for (String resource : List.of("cpu", "memory", "pods")) {
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
