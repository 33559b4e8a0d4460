package io.clustertour.operator.observe;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * API discovery summarised: how many resource types are namespaced and how many cluster-scoped.
 *
 * @param namespaced namespaced resource types (preferred versions, no subresources)
 * @param clusterScoped cluster-scoped resource types
 * @param clusterScopedExamples a few well-known cluster-scoped types first, then others
 * @param unavailableGroups group versions whose discovery failed (e.g. an aggregated API down)
 */
record ApiScopes(
    int namespaced,
    int clusterScoped,
    List<String> clusterScopedExamples,
    List<String> unavailableGroups) {
  private static final List<String> WELL_KNOWN =
      List.of(
          "nodes",
          "namespaces",
          "persistentvolumes",
          "clusterroles",
          "storageclasses",
          "customresourcedefinitions");
  static final int EXAMPLES = 5;

  static ApiScopes read(KubernetesClient client) {
    List<String> groupVersions = new ArrayList<>(List.of("v1"));
    for (APIGroup group : client.getApiGroups().getGroups()) {
      if (group.getPreferredVersion() != null) {
        groupVersions.add(group.getPreferredVersion().getGroupVersion());
      }
    }
    List<APIResource> resources = new ArrayList<>();
    List<String> unavailable = new ArrayList<>();
    for (String groupVersion : groupVersions) {
      try {
        APIResourceList list = client.getApiResources(groupVersion);
        if (list != null && list.getResources() != null) {
          resources.addAll(list.getResources());
        }
      } catch (KubernetesClientException e) {
        // an aggregated API whose backend is down answers 503; the rest of discovery still holds
        if (!"v1".equals(groupVersion) && (Failures.isPartial(e) || e.getCode() == 503)) {
          unavailable.add(groupVersion);
        } else {
          throw e;
        }
      }
    }
    return of(resources, unavailable);
  }

  static ApiScopes of(List<APIResource> resources, List<String> unavailable) {
    int namespaced = 0;
    TreeSet<String> clusterScoped = new TreeSet<>();
    for (APIResource resource : resources) {
      if (resource.getName() == null || resource.getName().contains("/")) {
        continue; // subresources such as pods/log are not types of their own
      }
      if (Boolean.TRUE.equals(resource.getNamespaced())) {
        namespaced++;
      } else {
        clusterScoped.add(resource.getName());
      }
    }
    List<String> examples = new ArrayList<>();
    WELL_KNOWN.stream().filter(clusterScoped::contains).forEach(examples::add);
    clusterScoped.stream().filter(r -> !examples.contains(r)).forEach(examples::add);
    return new ApiScopes(
        namespaced,
        clusterScoped.size(),
        List.copyOf(examples.subList(0, Math.min(EXAMPLES, examples.size()))),
        List.copyOf(unavailable));
  }
}
