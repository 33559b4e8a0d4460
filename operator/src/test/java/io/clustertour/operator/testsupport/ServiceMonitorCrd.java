package io.clustertour.operator.testsupport;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;

/**
 * A schema-less stand-in for one of prometheus-operator's CRDs (ServiceMonitor by default), so a
 * test can see the chart's capability guards switch the monitoring objects on. A cluster that
 * already serves the real one keeps it untouched; the stand-in is deleted again on close.
 */
public final class ServiceMonitorCrd implements AutoCloseable {
  static final String GROUP_VERSION = "monitoring.coreos.com/v1";

  private final KubernetesClient client;
  private final boolean created;
  private final String kind;
  private final String name;

  private ServiceMonitorCrd(KubernetesClient client, boolean created, String kind) {
    this.client = client;
    this.created = created;
    this.kind = kind;
    this.name = plural(kind) + ".monitoring.coreos.com";
  }

  private static String plural(String kind) {
    return kind.toLowerCase(java.util.Locale.ROOT) + "s";
  }

  /**
   * Makes the cluster serve monitoring.coreos.com/v1 ServiceMonitor (creating the stand-in if
   * needed).
   */
  public static ServiceMonitorCrd ensure(KubernetesClient client) {
    return ensure(client, "ServiceMonitor");
  }

  /** The same for another monitoring.coreos.com/v1 kind, e.g. PrometheusRule. */
  public static ServiceMonitorCrd ensure(KubernetesClient client, String kind) {
    var crds = client.apiextensions().v1().customResourceDefinitions();
    if (crds.withName(plural(kind) + ".monitoring.coreos.com").get() != null) {
      return new ServiceMonitorCrd(client, false, kind);
    }
    crds.resource(standIn(kind)).create();
    await("ServiceMonitor served")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptionsInstanceOf(KubernetesClientException.class)
        .until(
            () ->
                client.getApiResources(GROUP_VERSION).getResources().stream()
                    .anyMatch(r -> r.getKind().equals(kind)));
    return new ServiceMonitorCrd(client, true, kind);
  }

  public boolean isStandIn() {
    return created;
  }

  @Override
  public void close() {
    if (created) {
      client.apiextensions().v1().customResourceDefinitions().withName(name).delete();
      await("stand-in " + kind + " CRD deleted")
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  client.apiextensions().v1().customResourceDefinitions().withName(name).get()
                      == null);
    }
  }

  private static CustomResourceDefinition standIn(String kind) {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName(plural(kind) + ".monitoring.coreos.com")
        .addToLabels("clustertour.io/test-stand-in", "true")
        .endMetadata()
        .withNewSpec()
        .withGroup("monitoring.coreos.com")
        .withScope("Namespaced")
        .withNewNames()
        .withKind(kind)
        .withPlural(plural(kind))
        .withSingular(kind.toLowerCase(java.util.Locale.ROOT))
        .withListKind(kind + "List")
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
