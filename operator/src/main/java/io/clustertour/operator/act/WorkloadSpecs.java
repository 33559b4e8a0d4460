package io.clustertour.operator.act;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.WorkloadStop;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pure builders of the objects a stop creates: labelled, restricted-PSS friendly, explicit. */
public final class WorkloadSpecs {
  /** nobody/nogroup: a numeric non-root id works with any image, busybox included. */
  public static final long NON_ROOT_ID = 65534L;

  /** Short, so DeletePod and Scale-down stops finish quickly. */
  public static final long TERMINATION_GRACE_SECONDS = 2L;

  private WorkloadSpecs() {}

  /** A namespace labelled with the tour and owned by it. */
  public static Namespace namespace(ClusterTour tour, String name) {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(TourOwnership.tourLabels(tour.getMetadata().getName()))
        .withOwnerReferences(TourOwnership.ownerReference(tour))
        .endMetadata()
        .build();
  }

  /**
   * How long a pod must stay Ready before the deployment-controller counts it available. A
   * container that exits at once is Running and Ready for a moment; without this, the stop could
   * end Completed on that moment (the kubelet notices the exit on its next relist, about a second
   * later), and a crashing command would be reported as a success.
   */
  public static final int MIN_READY_SECONDS = 2;

  /** The Deployment of a Deployment stop. */
  public static Deployment deployment(String tourName, WorkloadStop w) {
    Map<String, String> labels = TourOwnership.workloadLabels(tourName, w.name);
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(w.name)
        .withNamespace(w.namespace)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withReplicas(w.replicas == null ? 1 : w.replicas)
        .withMinReadySeconds(MIN_READY_SECONDS)
        .withNewSelector()
        .withMatchLabels(labels)
        .endSelector()
        .withTemplate(podTemplate(labels, w, "Always"))
        .endSpec()
        .build();
  }

  /** The Job of a Job stop: no retries unless asked, pods never restarted in place. */
  public static Job job(String tourName, WorkloadStop w) {
    Map<String, String> labels = TourOwnership.workloadLabels(tourName, w.name);
    return new JobBuilder()
        .withNewMetadata()
        .withName(w.name)
        .withNamespace(w.namespace)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(w.backoffLimit == null ? 0 : w.backoffLimit)
        .withTemplate(podTemplate(labels, w, "Never"))
        .endSpec()
        .build();
  }

  /** ClusterIP Service in front of a tour Deployment's pods. */
  public static Service service(String tourName, String namespace, String deployment, int port) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(deployment)
        .withNamespace(namespace)
        .withLabels(TourOwnership.workloadLabels(tourName, deployment))
        .endMetadata()
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(TourOwnership.workloadLabels(tourName, deployment))
        .addNewPort()
        .withName("http")
        .withProtocol("TCP")
        .withPort(port)
        .withTargetPort(new IntOrString(port))
        .endPort()
        .endSpec()
        .build();
  }

  private static PodTemplateSpec podTemplate(
      Map<String, String> labels, WorkloadStop w, String restartPolicy) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy(restartPolicy)
        .withTerminationGracePeriodSeconds(TERMINATION_GRACE_SECONDS)
        // The workload never talks to the API server; no token keeps the pod minimal.
        .withAutomountServiceAccountToken(false)
        .withSecurityContext(
            new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(NON_ROOT_ID)
                .withRunAsGroup(NON_ROOT_ID)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .build())
        .withContainers(container(w))
        .endSpec()
        .build();
  }

  private static Container container(WorkloadStop w) {
    ContainerBuilder c =
        new ContainerBuilder()
            .withName(w.name)
            .withImage(w.image)
            .withImagePullPolicy(
                w.imagePullPolicy == null ? "IfNotPresent" : w.imagePullPolicy.name())
            .withSecurityContext(
                new SecurityContextBuilder()
                    .withRunAsNonRoot(true)
                    .withRunAsUser(NON_ROOT_ID)
                    .withAllowPrivilegeEscalation(false)
                    .withNewCapabilities()
                    .withDrop("ALL")
                    .endCapabilities()
                    .withNewSeccompProfile()
                    .withType("RuntimeDefault")
                    .endSeccompProfile()
                    .build());
    if (w.command != null && !w.command.isEmpty()) {
      c.withCommand(List.copyOf(w.command));
    }
    Map<String, Quantity> requests = new LinkedHashMap<>();
    if (w.cpuRequest != null && !w.cpuRequest.isBlank()) {
      requests.put("cpu", new Quantity(w.cpuRequest));
    }
    if (w.memoryRequest != null && !w.memoryRequest.isBlank()) {
      requests.put("memory", new Quantity(w.memoryRequest));
    }
    if (!requests.isEmpty()) {
      c.withResources(new ResourceRequirementsBuilder().withRequests(requests).build());
    }
    return c.build();
  }
}
