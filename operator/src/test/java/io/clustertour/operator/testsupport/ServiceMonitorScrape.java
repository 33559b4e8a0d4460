package io.clustertour.operator.testsupport;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus scrape job prometheus-operator derives from a ServiceMonitor, for one endpoint
 * known in advance: the discovery labels Kubernetes SD would attach to that endpoint (from the
 * rendered Service and a pod name) are set on a static target, and the relabelling is the one the
 * operator generates (keep by selector and port, then namespace, service, pod, container, job and
 * endpoint labels). Only the scrape interval is the caller's, so a test need not wait 30 s.
 */
public final class ServiceMonitorScrape {
  private ServiceMonitorScrape() {}

  /**
   * One scrape_config entry.
   *
   * @param monitor the rendered ServiceMonitor
   * @param service the rendered Service it selects
   * @param pod the pod name the endpoint would point at
   * @param container the container that serves the port
   * @param target host:port where that pod's port is reachable from this Prometheus
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> job(
      GenericKubernetesResource monitor,
      Service service,
      String pod,
      String container,
      String target,
      String interval) {
    Map<String, Object> spec = (Map<String, Object>) monitor.getAdditionalProperties().get("spec");
    Map<String, Object> endpoint = ((List<Map<String, Object>>) spec.get("endpoints")).get(0);
    Map<String, String> selector =
        (Map<String, String>) ((Map<String, Object>) spec.get("selector")).get("matchLabels");
    String ns = monitor.getMetadata().getNamespace();
    String port = (String) endpoint.get("port");

    Map<String, String> discovered = new LinkedHashMap<>();
    discovered.put("__meta_kubernetes_namespace", service.getMetadata().getNamespace());
    discovered.put("__meta_kubernetes_service_name", service.getMetadata().getName());
    service
        .getMetadata()
        .getLabels()
        .forEach(
            (k, v) -> {
              discovered.put("__meta_kubernetes_service_label_" + sanitize(k), v);
              discovered.put("__meta_kubernetes_service_labelpresent_" + sanitize(k), "true");
            });
    discovered.put("__meta_kubernetes_endpoint_port_name", portName(service, port));
    discovered.put("__meta_kubernetes_endpoint_address_target_kind", "Pod");
    discovered.put("__meta_kubernetes_endpoint_address_target_name", pod);
    discovered.put("__meta_kubernetes_pod_name", pod);
    discovered.put("__meta_kubernetes_pod_container_name", container);

    List<Map<String, Object>> relabel = new ArrayList<>();
    relabel.add(
        Map.of("source_labels", List.of("job"), "target_label", "__tmp_prometheus_job_name"));
    selector.forEach(
        (k, v) ->
            relabel.add(
                Map.of(
                    "action",
                    "keep",
                    "source_labels",
                    List.of(
                        "__meta_kubernetes_service_label_" + sanitize(k),
                        "__meta_kubernetes_service_labelpresent_" + sanitize(k)),
                    "regex",
                    "(" + v + ");true")));
    relabel.add(
        Map.of(
            "action",
            "keep",
            "source_labels",
            List.of("__meta_kubernetes_endpoint_port_name"),
            "regex",
            port));
    relabel.add(targetKind("Node", "node"));
    relabel.add(targetKind("Pod", "pod"));
    relabel.add(copy("__meta_kubernetes_namespace", "namespace"));
    relabel.add(copy("__meta_kubernetes_service_name", "service"));
    relabel.add(copy("__meta_kubernetes_pod_name", "pod"));
    relabel.add(copy("__meta_kubernetes_pod_container_name", "container"));
    // no jobLabel in the ServiceMonitor: the job is the Service's name
    relabel.add(copy("__meta_kubernetes_service_name", "job"));
    relabel.add(Map.of("target_label", "endpoint", "replacement", port));
    for (Object extra : (List<Object>) endpoint.getOrDefault("relabelings", List.of())) {
      relabel.add((Map<String, Object>) extra);
    }

    Map<String, Object> job = new LinkedHashMap<>();
    job.put("job_name", "serviceMonitor/" + ns + "/" + monitor.getMetadata().getName() + "/0");
    job.put("honor_labels", false);
    job.put("metrics_path", endpoint.getOrDefault("path", "/metrics"));
    job.put("scheme", endpoint.getOrDefault("scheme", "http"));
    job.put("scrape_interval", interval);
    job.put("scrape_timeout", interval);
    job.put("static_configs", List.of(Map.of("targets", List.of(target), "labels", discovered)));
    job.put("relabel_configs", relabel);
    return job;
  }

  private static String portName(Service service, String port) {
    return service.getSpec().getPorts().stream()
        .filter(p -> port.equals(p.getName()))
        .findFirst()
        .map(p -> p.getName())
        .orElseThrow(() -> new AssertionError("the Service has no port named " + port));
  }

  private static Map<String, Object> targetKind(String kind, String label) {
    return Map.of(
        "source_labels",
        List.of(
            "__meta_kubernetes_endpoint_address_target_kind",
            "__meta_kubernetes_endpoint_address_target_name"),
        "separator",
        ";",
        "regex",
        kind + ";(.*)",
        "replacement",
        "$1",
        "target_label",
        label);
  }

  private static Map<String, Object> copy(String from, String to) {
    return Map.of("source_labels", List.of(from), "target_label", to);
  }

  /** Kubernetes label keys as Prometheus label names (what SD does with '.', '/', '-'). */
  static String sanitize(String key) {
    return key.replaceAll("[^a-zA-Z0-9_]", "_");
  }
}
