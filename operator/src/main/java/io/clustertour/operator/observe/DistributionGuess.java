package io.clustertour.operator.observe;

import io.fabric8.kubernetes.api.model.Node;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Which distribution runs the cluster, guessed from marks its installer leaves on Node objects.
 *
 * @param name minikube, kind, k3s, aks, clustertour-local or other
 * @param evidence what the guess rests on
 */
public record DistributionGuess(String name, String evidence) {
  public static final String LOCAL_LABEL = "clustertour.io/local-cluster";

  /** Marks in order of specificity; the first that any node carries wins. */
  private static final List<BiFunction<Node, KubeSystemPods, Optional<DistributionGuess>>> MARKS =
      List.of(
          DistributionGuess::local,
          DistributionGuess::minikube,
          DistributionGuess::kind,
          DistributionGuess::k3s,
          DistributionGuess::aks);

  static DistributionGuess of(List<Node> nodes, KubeSystemPods kubeSystem) {
    for (var mark : MARKS) {
      for (Node node : nodes) {
        Optional<DistributionGuess> guess = mark.apply(node, kubeSystem);
        if (guess.isPresent()) {
          return guess.get();
        }
      }
    }
    return new DistributionGuess(
        "other",
        "no node carries a minikube, kind, k3s, AKS or clustertour-local mark ("
            + nodes.size()
            + " node(s) checked)");
  }

  private static Optional<DistributionGuess> local(Node node, KubeSystemPods kubeSystem) {
    return "true".equals(labels(node).get(LOCAL_LABEL))
        ? Optional.of(
            new DistributionGuess(
                "clustertour-local", "node " + name(node) + " has label " + LOCAL_LABEL + "=true"))
        : Optional.empty();
  }

  private static Optional<DistributionGuess> minikube(Node node, KubeSystemPods kubeSystem) {
    return labelWithPrefix(node, "minikube.k8s.io/")
        .map(l -> new DistributionGuess("minikube", "node " + name(node) + " has label " + l));
  }

  private static Optional<DistributionGuess> kind(Node node, KubeSystemPods kubeSystem) {
    String providerId = node.getSpec() == null ? null : node.getSpec().getProviderID();
    if (providerId != null && providerId.startsWith("kind://")) {
      return Optional.of(
          new DistributionGuess("kind", "node " + name(node) + " has providerID " + providerId));
    }
    boolean kindnet = kubeSystem.cni().stream().anyMatch(c -> c.startsWith("kindnet"));
    if (name(node).endsWith("-control-plane") && kindnet) {
      return Optional.of(
          new DistributionGuess(
              "kind",
              "node " + name(node) + " is named *-control-plane and kindnet runs in kube-system"));
    }
    return Optional.empty();
  }

  private static Optional<DistributionGuess> k3s(Node node, KubeSystemPods kubeSystem) {
    String kubelet = NodeFacts.info(node) == null ? null : NodeFacts.info(node).getKubeletVersion();
    return kubelet != null && kubelet.contains("+k3s")
        ? Optional.of(
            new DistributionGuess("k3s", "node " + name(node) + " runs kubelet " + kubelet))
        : Optional.empty();
  }

  private static Optional<DistributionGuess> aks(Node node, KubeSystemPods kubeSystem) {
    return labelWithPrefix(node, "kubernetes.azure.com/")
        .map(l -> new DistributionGuess("aks", "node " + name(node) + " has label " + l));
  }

  private static String name(Node node) {
    return node.getMetadata().getName();
  }

  private static Map<String, String> labels(Node node) {
    Map<String, String> labels = node.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  private static Optional<String> labelWithPrefix(Node node, String prefix) {
    return labels(node).entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .map(e -> e.getKey() + "=" + e.getValue())
        .sorted()
        .findFirst();
  }
}
