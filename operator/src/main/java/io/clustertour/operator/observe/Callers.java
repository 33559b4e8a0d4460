package io.clustertour.operator.observe;

import java.util.Locale;
import java.util.Map;

/** Names the component behind an API caller (audit user name) and the kind behind a resource. */
final class Callers {
  private static final String SERVICE_ACCOUNT = "system:serviceaccount:";
  private static final String NODE = "system:node:";
  private static final Map<String, String> SYSTEM_USERS =
      Map.of(
          "system:kube-scheduler", "kube-scheduler",
          "system:kube-controller-manager", "kube-controller-manager",
          "system:kube-proxy", "kube-proxy",
          "system:apiserver", "kube-apiserver");
  private static final Map<String, String> KINDS =
      Map.ofEntries(
          Map.entry("pods", "Pod"),
          Map.entry("deployments", "Deployment"),
          Map.entry("replicasets", "ReplicaSet"),
          Map.entry("jobs", "Job"),
          Map.entry("services", "Service"),
          Map.entry("endpointslices", "EndpointSlice"),
          Map.entry("endpoints", "Endpoints"),
          Map.entry("namespaces", "Namespace"),
          Map.entry("serviceaccounts", "ServiceAccount"),
          Map.entry("configmaps", "ConfigMap"),
          Map.entry("events", "Event"),
          Map.entry("controllerrevisions", "ControllerRevision"));

  private Callers() {}

  /**
   * The component a user name stands for: each controller of the controller manager has its own
   * service account (with --use-service-account-credentials), a kubelet is system:node:NAME.
   */
  static String component(String user) {
    if (user == null || user.isBlank()) {
      return "unknown";
    }
    if (user.startsWith(NODE)) {
      return "kubelet";
    }
    if (user.startsWith(SERVICE_ACCOUNT)) {
      return user.substring(user.lastIndexOf(':') + 1);
    }
    return SYSTEM_USERS.getOrDefault(user, user);
  }

  /** The node of a kubelet's user name, or {@code null}. */
  static String node(String user) {
    return user != null && user.startsWith(NODE) ? user.substring(NODE.length()) : null;
  }

  /** The kind stored under a resource name (pods → Pod); unknown ones keep the resource name. */
  static String kind(String resource) {
    if (resource == null) {
      return null;
    }
    String known = KINDS.get(resource.toLowerCase(Locale.ROOT));
    return known != null ? known : resource;
  }

  /** The HTTP method of an API verb. */
  static String method(String verb) {
    return switch (verb) {
      case "create" -> "POST";
      case "update" -> "PUT";
      case "patch" -> "PATCH";
      case "delete", "deletecollection" -> "DELETE";
      default -> "GET";
    };
  }
}
