package io.clustertour.operator.reconcile;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;

/**
 * What the watcher's caches hold for one stop at one moment; the input of {@link StopJudge}.
 *
 * @param namespace the stop's namespace, if the (tour-labelled) namespace informer has it
 * @param defaultServiceAccount the serviceaccount controller's {@code default} ServiceAccount seen
 * @param rootCaConfigMap the root-ca-cert-publisher's {@code kube-root-ca.crt} ConfigMap seen
 * @param deployment the stop's Deployment (Service stops: the target Deployment)
 * @param job the stop's Job
 * @param pods pods of the stop's workload (selected by its app label)
 * @param endpointSlices EndpointSlices of the stop's Service
 */
public record ClusterSnapshot(
    Namespace namespace,
    boolean defaultServiceAccount,
    boolean rootCaConfigMap,
    Deployment deployment,
    Job job,
    List<Pod> pods,
    List<EndpointSlice> endpointSlices) {

  public ClusterSnapshot {
    pods = pods == null ? List.of() : List.copyOf(pods);
    endpointSlices = endpointSlices == null ? List.of() : List.copyOf(endpointSlices);
  }

  /** Nothing seen at all. */
  public static ClusterSnapshot empty() {
    return new ClusterSnapshot(null, false, false, null, null, List.of(), List.of());
  }
}
