package io.clustertour.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import java.util.ArrayList;
import java.util.List;

/** The cluster as the Inventory stop found it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(
    value = DeepMerge.class,
    input =
        """
        {"properties": {
          "nodes": {"x-kubernetes-list-type": "atomic"},
          "controlPlanePods": {"x-kubernetes-list-type": "atomic", "items": {"description": "Name of a control-plane pod."}},
          "addonPods": {"x-kubernetes-list-type": "atomic", "items": {"description": "Name of an add-on pod."}},
          "leaderLeases": {"x-kubernetes-list-type": "atomic", "items": {"description": "A Lease and its holder, as lease=holder."}},
          "clusterScopedExamples": {"x-kubernetes-list-type": "atomic", "items": {"description": "Plural name of a cluster-scoped resource type."}}}}
        """)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ClusterInfo {
  @JsonPropertyDescription("Kubernetes version reported by the API server's /version.")
  public String serverVersion;

  @JsonPropertyDescription(
      "Best guess of the distribution: minikube, kind, k3s, aks, clustertour-local, kubeadm (another kubeadm-built cluster) or other.")
  public String distribution;

  @JsonPropertyDescription("Why the distribution was guessed.")
  public String distributionEvidence;

  @JsonPropertyDescription("The nodes (at most 10 listed; nodeCount has the total).")
  public List<NodeSummary> nodes = new ArrayList<>();

  @JsonPropertyDescription("Number of nodes.")
  public Integer nodeCount;

  @JsonPropertyDescription(
      "Control-plane components running as pods in kube-system (empty on managed clusters and k3s).")
  public List<String> controlPlanePods = new ArrayList<>();

  @JsonPropertyDescription("Other kube-system workloads, e.g. coredns, kube-proxy, a CNI.")
  public List<String> addonPods = new ArrayList<>();

  @JsonPropertyDescription(
      "Holders of the scheduler and controller-manager leader-election Leases.")
  public List<String> leaderLeases = new ArrayList<>();

  @JsonPropertyDescription("Number of namespaced API resource types.")
  public Integer namespacedResources;

  @JsonPropertyDescription("Number of cluster-scoped API resource types.")
  public Integer clusterScopedResources;

  @JsonPropertyDescription("A few cluster-scoped resource types, e.g. nodes, namespaces.")
  public List<String> clusterScopedExamples = new ArrayList<>();
}
