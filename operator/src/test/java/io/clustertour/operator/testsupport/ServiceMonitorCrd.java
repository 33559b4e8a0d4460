package io.clustertour.operator.testsupport;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;

/**
 * A schema-less stand-in for prometheus-operator's ServiceMonitor CRD, so a test can see the
 * chart's capability guard switch the ServiceMonitor on. A cluster that already serves the real one
 * keeps it untouched; the stand-in is deleted again on close.
 */
public final class ServiceMonitorCrd implements AutoCloseable {
  static final String NAME = "servicemonitors.monitoring.coreos.com";
  static final String GROUP_VERSION = "monitoring.coreos.com/v1";

  private final KubernetesClient client;
  private final boolean created;

  private ServiceMonitorCrd(KubernetesClient client, boolean created) {
    this.client = client;
    this.created = created;
  }

  /**
   * Makes the cluster serve monitoring.coreos.com/v1 ServiceMonitor (creating the stand-in if
   * needed).
   */
  public static ServiceMonitorCrd ensure(KubernetesClient client) {
    var crds = client.apiextensions().v1().customResourceDefinitions();
    if (crds.withName(NAME).get() != null) {
      return new ServiceMonitorCrd(client, false);
    }
    crds.resource(standIn()).create();
    await("ServiceMonitor served")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptionsInstanceOf(KubernetesClientException.class)
        .until(
            () ->
                client.getApiResources(GROUP_VERSION).getResources().stream()
                    .anyMatch(r -> r.getKind().equals("ServiceMonitor")));
    return new ServiceMonitorCrd(client, true);
  }

  public boolean isStandIn() {
    return created;
  }

  @Override
  public void close() {
    if (created) {
      client.apiextensions().v1().customResourceDefinitions().withName(NAME).delete();
      await("stand-in ServiceMonitor CRD deleted")
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  client.apiextensions().v1().customResourceDefinitions().withName(NAME).get()
                      == null);
    }
  }

  private static CustomResourceDefinition standIn() {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName(NAME)
        .addToLabels("clustertour.io/test-stand-in", "true")
        .endMetadata()
        .withNewSpec()
        .withGroup("monitoring.coreos.com")
        .withScope("Namespaced")
        .withNewNames()
        .withKind("ServiceMonitor")
        .withPlural("servicemonitors")
        .withSingular("servicemonitor")
        .withListKind("ServiceMonitorList")
        .endNames()
        .addNewVersion()
        .withName("v1")
        .withServed(true)
        .withStorage(true)
        .withNewSchema()
        .withNewOpenAPIV3Schema()
        .withType("object")
        .withXKubernetesPreserveUnknownFields(true)
        .endOpenAPIV3Schema()
        .endSchema()
        .endVersion()
        .endSpec()
        .build();
  }
}
