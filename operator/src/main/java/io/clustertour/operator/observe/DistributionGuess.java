package io.clustertour.operator.observe;

import io.fabric8.kubernetes.api.model.Node;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Which distribution runs the cluster, guessed from marks its installer leaves on Node objects and
 * kube-system's control-plane pods.
 *
 * @param name minikube, kind, k3s, aks, clustertour-local, kubeadm or other
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
          DistributionGuess::aks,
          // Last: kind and minikube are kubeadm-built too, and their own marks say more.
          DistributionGuess::kubeadm);

  /** kubeadm's record, on every node it set up, of the CRI socket it registered the node with. */
  static final String KUBEADM_CRI_SOCKET = "kubeadm.alpha.kubernetes.io/cri-socket";

  /** Where kind's node images come from (kindnetd, local-path-provisioner, the node image). */
  static final String KIND_IMAGE_PREFIX = "docker.io/kindest/";

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
        "no node carries a minikube, kind, k3s, AKS, kubeadm or clustertour-local mark ("
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
    Optional<String> kindImage = kindImage(node);
    if (kindImage.isPresent()) {
      return Optional.of(
          new DistributionGuess(
              "kind", "node " + name(node) + " holds kind's image " + kindImage.get()));
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

  private static Optional<DistributionGuess> kubeadm(Node node, KubeSystemPods kubeSystem) {
    Map<String, String> annotations = node.getMetadata().getAnnotations();
    String socket = annotations == null ? null : annotations.get(KUBEADM_CRI_SOCKET);
    if (socket != null) {
      return Optional.of(
          new DistributionGuess(
              "kubeadm",
              "node " + name(node) + " has annotation " + KUBEADM_CRI_SOCKET + "=" + socket));
    }
    return kubeSystem.kubeadmMarks().stream()
        .findFirst()
        .map(m -> new DistributionGuess("kubeadm", m + " (a static pod kubeadm wrote)"));
  }

  private static Optional<String> kindImage(Node node) {
    if (node.getStatus() == null || node.getStatus().getImages() == null) {
      return Optional.empty();
    }
    return node.getStatus().getImages().stream()
        .flatMap(i -> i.getNames() == null ? Stream.empty() : i.getNames().stream())
        .filter(n -> n.startsWith(KIND_IMAGE_PREFIX) && !n.contains("@"))
        .sorted()
        .findFirst();
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
