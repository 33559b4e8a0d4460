package io.clustertour.operator.diagram;

import java.util.Locale;

/** The groups of lifelines in a sequence diagram, from the learner's kubectl to the runtime. */
public enum Lane {
  CLIENT("kubectl / client", "kubectl / 클라이언트"),
  APISERVER("kube-apiserver", "kube-apiserver"),
  ETCD("etcd", "etcd"),
  CONTROLLERS("controller-manager", "controller-manager"),
  SCHEDULER("scheduler", "scheduler"),
  KUBELET("kubelet", "kubelet"),
  RUNTIME("container runtime", "컨테이너 런타임"),
  OTHER("other", "기타");

  private final String en;
  private final String ko;

  Lane(String en, String ko) {
    this.en = en;
    this.ko = ko;
  }

  public String label(boolean korean) {
    return korean ? ko : en;
  }

  /** The lane of a component name as Events and flow files spell it. */
  public static Lane of(String component) {
    if (component == null || component.isBlank()) {
      return OTHER;
    }
    String c = component.toLowerCase(Locale.ROOT);
    if (c.contains("kubectl") || c.contains("client") || c.contains("clustertour")) {
      return CLIENT;
    }
    if (c.contains("apiserver") || c.contains("api-server") || c.contains("api server")) {
      return APISERVER;
    }
    if (c.contains("etcd")) {
      return ETCD;
    }
    if (c.contains("scheduler")) {
      return SCHEDULER;
    }
    if (c.contains("kubelet")) {
      return KUBELET;
    }
    if (c.contains("runtime")
        || c.contains("containerd")
        || c.contains("cri-o")
        || c.contains("runc")
        || c.contains("docker")) {
      return RUNTIME;
    }
    // kube-controller-manager runs these; most report as "<name>-controller".
    if (c.contains("controller") || c.contains("publisher") || c.contains("garbage-collector")) {
      return CONTROLLERS;
    }
    return OTHER;
  }
}
