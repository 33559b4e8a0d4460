package io.clustertour.operator.compare;

import java.util.Locale;

/** Matches the component names people write against the names Kubernetes reports. */
final class ComponentNames {
  private ComponentNames() {}

  /**
   * Whether {@code actual} (as reported in the timeline) is the component {@code expected} names.
   * Learners write binary names (kube-scheduler, controller-manager) while Kubernetes reports the
   * scheduler profile or the individual controller, so those names are accepted as aliases.
   */
  static boolean matches(String expected, String actual) {
    if (expected == null || actual == null) {
      return false;
    }
    String want = expected.trim().toLowerCase(Locale.ROOT);
    String got = actual.trim().toLowerCase(Locale.ROOT);
    if (got.equals(want) || got.startsWith(want + "/")) {
      return true;
    }
    return switch (want) {
      case "kube-scheduler", "scheduler" -> got.equals("default-scheduler");
      case "kube-controller-manager", "controller-manager" ->
          got.endsWith("-controller") || got.equals("root-ca-cert-publisher");
      case "apiserver", "api-server" -> got.startsWith("kube-apiserver");
      default -> false;
    };
  }
}
