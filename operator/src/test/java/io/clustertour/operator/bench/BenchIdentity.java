package io.clustertour.operator.bench;

import io.clustertour.operator.testsupport.HelmChart;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator runs in the benchmark as it runs in a cluster: as the chart's ServiceAccount, with
 * the chart's RBAC and admission policy, through a kubeconfig holding a token of that account. That
 * identity is what lets the API server's metrics be read per client (see {@link
 * ClientFlowSchemas}).
 */
final class BenchIdentity implements AutoCloseable {
  static final String RELEASE = "bench";
  static final String NAMESPACE = "clustertour-bench";
  private static final Set<String> KINDS =
      Set.of(
          "ServiceAccount",
          "ClusterRole",
          "ClusterRoleBinding",
          "Role",
          "RoleBinding",
          "ValidatingAdmissionPolicy",
          "ValidatingAdmissionPolicyBinding");

  private final KubernetesClient admin;
  private final List<HasMetadata> installed;
  final String serviceAccount;
  final Path kubeconfig;
  final List<PolicyRule> clusterRules;
  final Map<String, List<PolicyRule>> roleRules;

  private BenchIdentity(
      KubernetesClient admin,
      List<HasMetadata> installed,
      String serviceAccount,
      Path kubeconfig,
      List<PolicyRule> clusterRules,
      Map<String, List<PolicyRule>> roleRules) {
    this.admin = admin;
    this.installed = installed;
    this.serviceAccount = serviceAccount;
    this.kubeconfig = kubeconfig;
    this.clusterRules = clusterRules;
    this.roleRules = roleRules;
  }

  /** Installs the chart's ServiceAccount, RBAC and policy and writes a kubeconfig for it. */
  static BenchIdentity install(KubernetesClient admin, Path adminKubeconfig, Path kubeconfigOut)
      throws IOException {
    admin
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .forceConflicts()
        .serverSideApply();
    List<HasMetadata> objects =
        HelmChart.render(RELEASE, NAMESPACE, Optional.empty(), Map.of()).objects().stream()
            .filter(o -> KINDS.contains(o.getKind()))
            .toList();
    objects.forEach(o -> admin.resource(o).forceConflicts().serverSideApply());
    String sa =
        objects.stream()
            .filter(o -> o.getKind().equals("ServiceAccount"))
            .findFirst()
            .orElseThrow()
            .getMetadata()
            .getName();
    List<PolicyRule> clusterRules = new ArrayList<>();
    Map<String, List<PolicyRule>> roleRules = new LinkedHashMap<>();
    for (HasMetadata o : objects) {
      if (o instanceof ClusterRole cr) {
        clusterRules.addAll(cr.getRules());
      } else if (o instanceof Role r) {
        roleRules
            .computeIfAbsent(r.getMetadata().getNamespace(), k -> new ArrayList<>())
            .addAll(r.getRules());
      }
    }
    TokenRequest token =
        admin
            .serviceAccounts()
            .inNamespace(NAMESPACE)
            .withName(sa)
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(7200L)
                    .endSpec()
                    .build());
    Files.createDirectories(kubeconfigOut.getParent());
    Files.writeString(kubeconfigOut, kubeconfig(adminKubeconfig, token.getStatus().getToken()));
    return new BenchIdentity(admin, objects, sa, kubeconfigOut, clusterRules, roleRules);
  }

  @Override
  public void close() {
    installed.forEach(o -> admin.resource(o).delete());
    admin.namespaces().withName(NAMESPACE).delete();
  }

  private static String kubeconfig(Path adminKubeconfig, String token) throws IOException {
    Config config = Config.fromKubeconfig(Files.readString(adminKubeconfig));
    String ca =
        config.getCaCertData() != null
            ? "certificate-authority-data: " + config.getCaCertData()
            : "certificate-authority: " + config.getCaCertFile();
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: bench
          cluster:
            server: %s
            %s
        users:
        - name: operator
          user:
            token: %s
        contexts:
        - name: bench
          context: {cluster: bench, user: operator}
        current-context: bench
        """
        .formatted(config.getMasterUrl(), ca, token);
  }
}
