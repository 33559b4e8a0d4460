package io.clustertour.operator.testsupport;

import io.fabric8.kubernetes.api.model.authorization.v1.NonResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a ServiceAccount may do in a namespace, as {@code kubectl auth can-i --list --as
 * system:serviceaccount:NS:NAME -n NAMESPACE} shows it, and the same grants read from a markdown
 * table (docs/rbac.md), so the two can be compared.
 */
public final class GrantedRules {
  /** Pseudo API group of non-resource URLs such as /metrics. */
  public static final String NON_RESOURCE = "(non-resource URL)";

  /** One verb on one resource (or URL), optionally limited to one object name. */
  public record Grant(String apiGroup, String resource, String verb, String resourceName)
      implements Comparable<Grant> {
    @Override
    public int compareTo(Grant o) {
      return toString().compareTo(o.toString());
    }
  }

  private GrantedRules() {}

  /**
   * The grants of {@code system:serviceaccount:saNamespace:saName} in {@code namespace}, asked of
   * the API server through impersonation (a SelfSubjectRulesReview, like kubectl auth can-i
   * --list).
   */
  public static Set<Grant> review(
      Path kubeconfig, String saNamespace, String saName, String namespace) {
    Config config;
    try {
      config = Config.fromKubeconfig(Files.readString(kubeconfig));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + kubeconfig, e);
    }
    config.setImpersonateUsername("system:serviceaccount:" + saNamespace + ":" + saName);
    config.setImpersonateGroups(
        "system:serviceaccounts", "system:serviceaccounts:" + saNamespace, "system:authenticated");
    try (KubernetesClient as = new KubernetesClientBuilder().withConfig(config).build()) {
      SelfSubjectRulesReview review =
          as.resource(
                  new SelfSubjectRulesReviewBuilder()
                      .withNewSpec()
                      .withNamespace(namespace)
                      .endSpec()
                      .build())
              .create();
      Set<Grant> grants = new TreeSet<>();
      for (ResourceRule r : review.getStatus().getResourceRules()) {
        List<String> names = r.getResourceNames().isEmpty() ? List.of("") : r.getResourceNames();
        for (String group : r.getApiGroups()) {
          for (String resource : r.getResources()) {
            for (String verb : r.getVerbs()) {
              names.forEach(n -> grants.add(new Grant(group, resource, verb, n)));
            }
          }
        }
      }
      for (NonResourceRule r : review.getStatus().getNonResourceRules()) {
        for (String url : r.getNonResourceURLs()) {
          r.getVerbs().forEach(v -> grants.add(new Grant(NON_RESOURCE, url, v, "")));
        }
      }
      return grants;
    }
  }

  /**
   * The grants a markdown table lists for the given scopes. Table rows: {@code | scope | API group
   * | resources | verbs | resource names | why |}, comma-separated lists, {@code core} for the core
   * group; only rows between {@code <!-- rbac-table:begin -->} and {@code <!-- rbac-table:end -->}
   * count.
   */
  public static Set<Grant> fromDoc(Path markdown, Set<String> scopes) throws IOException {
    String text = Files.readString(markdown);
    int begin = text.indexOf("<!-- rbac-table:begin -->");
    int end = text.indexOf("<!-- rbac-table:end -->");
    if (begin < 0 || end < begin) {
      throw new IllegalStateException(markdown + " has no rbac-table markers");
    }
    Set<Grant> grants = new TreeSet<>();
    for (String line : text.substring(begin, end).lines().toList()) {
      String[] cells = line.split("\\|");
      if (!line.startsWith("|") || cells.length < 6 || cells[1].isBlank() || line.contains("---")) {
        continue;
      }
      String scope = clean(cells[1]);
      if (!scopes.contains(scope)) {
        continue;
      }
      String group = clean(cells[2]).equals("core") ? "" : clean(cells[2]);
      List<String> names = list(cells[5]).isEmpty() ? List.of("") : list(cells[5]);
      for (String resource : list(cells[3])) {
        for (String verb : list(cells[4])) {
          names.forEach(n -> grants.add(new Grant(group, resource, verb, n)));
        }
      }
    }
    return grants;
  }

  private static String clean(String cell) {
    return cell.replace("`", "").strip();
  }

  private static List<String> list(String cell) {
    String c = clean(cell);
    return c.isEmpty() ? List.of() : List.of(c.split("\\s*,\\s*"));
  }
}
