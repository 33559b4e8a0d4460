package io.clustertour.operator.testsupport;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * prometheus-operator's own ServiceMonitor and PrometheusRule CRDs (their real schemas, from the
 * pinned module that hack/prometheus/operator-crds.sh fetches), so the API server validates the
 * chart's monitoring objects as kube-prometheus-stack's would. CRDs a cluster already serves stay
 * untouched; those installed here are deleted again on close.
 */
public final class ServiceMonitorCrd implements AutoCloseable {
  static final String GROUP_VERSION = "monitoring.coreos.com/v1";
  private static final Path FETCH = Path.of("../hack/prometheus/operator-crds.sh");
  private static final Map<String, String> FILES =
      Map.of(
          "ServiceMonitor", "monitoring.coreos.com_servicemonitors.yaml",
          "PrometheusRule", "monitoring.coreos.com_prometheusrules.yaml");

  private final KubernetesClient client;
  private final List<String> created;

  private ServiceMonitorCrd(KubernetesClient client, List<String> created) {
    this.client = client;
    this.created = created;
  }

  /** Makes the cluster serve monitoring.coreos.com/v1 ServiceMonitor and PrometheusRule. */
  public static ServiceMonitorCrd ensure(KubernetesClient client) {
    Path dir = crdDirectory();
    var crds = client.apiextensions().v1().customResourceDefinitions();
    List<String> created = new ArrayList<>();
    for (Map.Entry<String, String> kind : FILES.entrySet()) {
      CustomResourceDefinition crd;
      try (InputStream in = Files.newInputStream(dir.resolve(kind.getValue()))) {
        crd = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + dir.resolve(kind.getValue()), e);
      }
      if (crds.withName(crd.getMetadata().getName()).get() == null) {
        crds.resource(crd).create();
        created.add(crd.getMetadata().getName());
      }
      await(kind.getKey() + " served")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptionsInstanceOf(KubernetesClientException.class)
          .until(
              () ->
                  client.getApiResources(GROUP_VERSION).getResources().stream()
                      .anyMatch(r -> r.getKind().equals(kind.getKey())));
    }
    return new ServiceMonitorCrd(client, created);
  }

  @Override
  public void close() {
    for (String name : created) {
      client.apiextensions().v1().customResourceDefinitions().withName(name).delete();
      await(name + " deleted")
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  client.apiextensions().v1().customResourceDefinitions().withName(name).get()
                      == null);
    }
  }

  private static Path crdDirectory() {
    Shell.Result fetched = Shell.run(Map.of(), "bash", FETCH.toString());
    List<String> lines = fetched.out().lines().toList();
    if (fetched.code() != 0 || lines.isEmpty()) {
      Required.unavailable(
          "hack/prometheus/operator-crds.sh failed: " + fetched, "the chart's monitoring tests");
    }
    return Path.of(lines.get(lines.size() - 1));
  }
}
