package io.clustertour.operator.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LaneTest {
  @Test
  void componentsLandInTheirControlPlaneLane() {
    assertEquals(Lane.CLIENT, Lane.of("kubectl"));
    assertEquals(Lane.CLIENT, Lane.of("clustertour-operator"));
    assertEquals(Lane.APISERVER, Lane.of("kube-apiserver"));
    assertEquals(Lane.ETCD, Lane.of("etcd"));
    assertEquals(Lane.CONTROLLERS, Lane.of("replicaset-controller"));
    assertEquals(Lane.CONTROLLERS, Lane.of("root-ca-cert-publisher"));
    assertEquals(Lane.CONTROLLERS, Lane.of("kube-controller-manager"));
    assertEquals(Lane.SCHEDULER, Lane.of("default-scheduler"));
    assertEquals(Lane.SCHEDULER, Lane.of("kube-scheduler"));
    assertEquals(Lane.KUBELET, Lane.of("kubelet"));
    assertEquals(Lane.RUNTIME, Lane.of("container runtime"));
    assertEquals(Lane.RUNTIME, Lane.of("containerd"));
    assertEquals(Lane.OTHER, Lane.of("kube-proxy"));
    assertEquals(Lane.OTHER, Lane.of(null));
  }
}
