package io.clustertour.operator.observe;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Sorts kube-system pods into control-plane components and add-ons (DNS, kube-proxy, CNI, ...).
 *
 * @param controlPlane control-plane pod names (etcd, kube-apiserver, ...)
 * @param addons add-on workloads with their pod counts, e.g. {@code coredns (2 pods)}
 * @param cni the CNI workloads among the add-ons
 * @param kubeadmMarks control-plane mirror pods kubeadm wrote, each as "pod has annotation key"
 */
record KubeSystemPods(
    List<String> controlPlane, List<String> addons, List<String> cni, List<String> kubeadmMarks) {
  /** Annotations kubeadm puts on the static pods it writes (etcd, kube-apiserver). */
  static final String KUBEADM_ANNOTATION_PREFIX = "kubeadm.kubernetes.io/";

  /** The kubelet's mark on the API object it mirrors a static pod into. */
  static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

  static final List<String> CONTROL_PLANE =
      List.of("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler");
  static final List<String> CNI_NAMES =
      List.of(
          "calico",
          "flannel",
          "cilium",
          "kindnet",
          "weave",
          "canal",
          "antrea",
          "kube-router",
          "azure-cns",
          "azure-cni",
          "aws-node",
          "kube-ovn",
          "multus");

  static KubeSystemPods classify(List<Pod> pods) {
    List<String> controlPlane = new ArrayList<>();
    List<String> kubeadmMarks = new ArrayList<>();
    Map<String, Integer> workloads = new TreeMap<>();
    for (Pod pod : pods) {
      if (controlPlaneComponent(pod) != null) {
        controlPlane.add(pod.getMetadata().getName());
        kubeadmMark(pod).ifPresent(kubeadmMarks::add);
      } else {
        workloads.merge(workload(pod), 1, Integer::sum);
      }
    }
    List<String> addons = new ArrayList<>();
    List<String> cni = new ArrayList<>();
    workloads.forEach(
        (name, count) -> {
          addons.add(count == 1 ? name : name + " (" + count + " pods)");
          if (CNI_NAMES.stream().anyMatch(name::contains)) {
            cni.add(name);
          }
        });
    controlPlane.sort(null);
    kubeadmMarks.sort(null);
    return new KubeSystemPods(
        List.copyOf(controlPlane),
        List.copyOf(addons),
        List.copyOf(cni),
        List.copyOf(kubeadmMarks));
  }

  /**
   * A mirror pod (the kubelet runs it from a manifest file) carrying a kubeadm annotation: kubeadm
   * wrote that manifest. A mirror pod alone only says "static pod", which other installers use too.
   */
  private static Optional<String> kubeadmMark(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    if (annotations == null || !annotations.containsKey(MIRROR_ANNOTATION)) {
      return Optional.empty();
    }
    return annotations.keySet().stream()
        .filter(k -> k.startsWith(KUBEADM_ANNOTATION_PREFIX))
        .sorted()
        .findFirst()
        .map(k -> "mirror pod " + pod.getMetadata().getName() + " has annotation " + k);
  }

  /** The control-plane component a pod runs (static pods carry label component=...). */
  static String controlPlaneComponent(Pod pod) {
    String label = Meta.label(pod, "component");
    if (label != null && CONTROL_PLANE.contains(label)) {
      return label;
    }
    String name = pod.getMetadata().getName();
    return CONTROL_PLANE.stream().filter(c -> name.startsWith(c + "-")).findFirst().orElse(null);
  }

  /**
   * The workload a pod belongs to: its DaemonSet, its Deployment (ReplicaSet minus hash), or
   * itself.
   */
  static String workload(Pod pod) {
    List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
    if (owners == null || owners.isEmpty()) {
      return pod.getMetadata().getName();
    }
    OwnerReference owner = owners.get(0);
    String hash = Meta.label(pod, "pod-template-hash");
    if ("ReplicaSet".equals(owner.getKind())
        && hash != null
        && owner.getName().endsWith("-" + hash)) {
      return owner.getName().substring(0, owner.getName().length() - hash.length() - 1);
    }
    return owner.getName();
  }
}
