package io.clustertour.operator.observe;

import io.clustertour.operator.api.ClusterInfo;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One-off reads for the Inventory stop: version, nodes, kube-system, leases, discovery. Partial
 * answers (a forbidden lease, no /metrics) are reported as such; an unreachable API is thrown.
 */
public final class InventoryReader {
  static final String KUBE_SYSTEM = "kube-system";
  static final List<String> LEADER_LEASES = List.of("kube-scheduler", "kube-controller-manager");

  public InventoryResult read(KubernetesClient client) {
    String version = client.getKubernetesVersion().getGitVersion();
    List<Node> nodes = new ArrayList<>(client.nodes().list().getItems());
    nodes.sort(Comparator.comparing(n -> n.getMetadata().getName()));
    List<Pod> kubeSystem = client.pods().inNamespace(KUBE_SYSTEM).list().getItems();
    List<String> leases = leaseHolders(client);
    ApiScopes scopes = ApiScopes.read(client);
    Optional<Boolean> fromCache = WatchCacheProbe.listsFromWatchCache(client);
    return assemble(version, nodes, KubeSystemPods.classify(kubeSystem), leases, scopes, fromCache);
  }

  /** Builds the result from what was read; separate from the reads so it can be tested. */
  static InventoryResult assemble(
      String version,
      List<Node> nodes,
      KubeSystemPods kubeSystem,
      List<String> leases,
      ApiScopes scopes,
      Optional<Boolean> fromCache) {
    DistributionGuess guess = DistributionGuess.of(nodes, kubeSystem);
    ClusterInfo cluster = new ClusterInfo();
    cluster.serverVersion = version;
    cluster.distribution = guess.name();
    cluster.distributionEvidence = guess.evidence();
    cluster.nodeCount = nodes.size();
    cluster.nodes =
        nodes.stream().limit(InventoryTimeline.LIST_CAP).map(NodeFacts::summary).toList();
    cluster.controlPlanePods = InventoryTimeline.cap(kubeSystem.controlPlane());
    cluster.addonPods = InventoryTimeline.cap(kubeSystem.addons());
    cluster.leaderLeases = List.copyOf(leases);
    cluster.namespacedResources = scopes.namespaced();
    cluster.clusterScopedResources = scopes.clusterScoped();
    cluster.clusterScopedExamples = scopes.clusterScopedExamples();
    List<Observation> timeline =
        new InventoryTimeline(version, nodes, kubeSystem, leases, scopes, guess, fromCache).build();
    return new InventoryResult(cluster, timeline, fromCache.orElse(null));
  }

  /** "name: holder" per leader-election Lease; absent or unreadable ones say so. */
  static List<String> leaseHolders(KubernetesClient client) {
    List<String> holders = new ArrayList<>();
    for (String name : LEADER_LEASES) {
      try {
        Lease lease = client.leases().inNamespace(KUBE_SYSTEM).withName(name).get();
        String holder =
            lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
        holders.add(
            name + ": " + (lease == null ? "no lease" : holder == null ? "no holder" : holder));
      } catch (KubernetesClientException e) {
        if (!Failures.isPartial(e)) {
          throw e;
        }
        holders.add(name + ": not readable (HTTP " + e.getCode() + ")");
      }
    }
    return holders;
  }
}
