package io.clustertour.operator.observe;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Detects silent steps: object changes seen on a watch that the cluster does not announce with an
 * Event (a pod gets a node, a ServiceAccount appears). Pure: compares the previous and the current
 * version of one object, so informer resyncs (same resourceVersion) yield nothing.
 */
final class SilentSteps {
  static final String SCHEDULER = "default-scheduler";
  static final String KUBELET = "kubelet";
  static final String DEPLOYMENT_CONTROLLER = "deployment-controller";
  static final String JOB_CONTROLLER = "job-controller";

  private SilentSteps() {}

  /**
   * One detected step.
   *
   * @param objectTime the time the object itself gives for the step (second precision), used for
   *     recovered observations; live ones use the watch-receive time
   * @param keySuffix distinguishes steps that may happen more than once per object (per change)
   */
  record Step(
      String reason, String component, String message, Instant objectTime, String keySuffix) {
    Step(String reason, String component, String message, Instant objectTime) {
      this(reason, component, message, objectTime, null);
    }
  }

  /** Steps shown by {@code now} compared to {@code old}; {@code old == null} is a first sight. */
  static List<Step> changed(HasMetadata old, HasMetadata now) {
    if (old != null
        && Objects.equals(
            old.getMetadata().getResourceVersion(), now.getMetadata().getResourceVersion())) {
      return List.of();
    }
    List<Step> steps = new ArrayList<>();
    if (now instanceof Pod pod) {
      pod(steps, (Pod) old, pod);
    } else if (now instanceof Deployment deployment) {
      deployment(steps, (Deployment) old, deployment);
    } else if (now instanceof ReplicaSet replicaSet && old == null) {
      steps.add(
          new Step(
              "ReplicaSetCreated",
              "Deployment".equals(Meta.ownerKind(replicaSet))
                  ? DEPLOYMENT_CONTROLLER
                  : Meta.creator(replicaSet),
              "ReplicaSet created for " + ownerText(replicaSet),
              Meta.created(replicaSet)));
    } else if (now instanceof Job job) {
      job(steps, (Job) old, job);
    } else if (now instanceof Service service && old == null) {
      steps.add(
          new Step(
              "ServiceCreated", Meta.creator(service), "Service created", Meta.created(service)));
    } else if (now instanceof EndpointSlice slice) {
      endpointSlice(steps, (EndpointSlice) old, slice);
    } else if (now instanceof Namespace namespace) {
      namespace(steps, (Namespace) old, namespace);
    } else if (now instanceof ServiceAccount account && old == null) {
      steps.add(
          new Step(
              "ServiceAccountCreated",
              "serviceaccount-controller",
              "ServiceAccount " + account.getMetadata().getName() + " appeared in the namespace",
              Meta.created(account)));
    } else if (now instanceof ConfigMap configMap && old == null) {
      steps.add(
          new Step(
              "ConfigMapCreated",
              "root-ca-cert-publisher",
              "ConfigMap " + configMap.getMetadata().getName() + " published into the namespace",
              Meta.created(configMap)));
    }
    return steps;
  }

  /** Steps for an object that left the watch. */
  static List<Step> deleted(HasMetadata gone) {
    if (gone instanceof Pod pod) {
      boolean bound = pod.getSpec() != null && pod.getSpec().getNodeName() != null;
      // a bound pod disappears only once its kubelet confirms the containers stopped
      return List.of(
          new Step(
              "PodDeleted",
              bound ? KUBELET : "kube-apiserver",
              bound
                  ? "Pod removed after node " + pod.getSpec().getNodeName() + " stopped it"
                  : "Pod removed before it was bound to a node",
              Meta.time(pod.getMetadata().getDeletionTimestamp())));
    }
    return List.of();
  }

  private static void pod(List<Step> steps, Pod old, Pod now) {
    if (old == null) {
      String owner = Meta.ownerKind(now);
      String creator =
          switch (owner == null ? "" : owner) {
            case "ReplicaSet" -> "replicaset-controller";
            case "Job" -> JOB_CONTROLLER;
            default -> Meta.creator(now);
          };
      steps.add(
          new Step("PodCreated", creator, "Pod created for " + ownerText(now), Meta.created(now)));
    }
    String node = now.getSpec() == null ? null : now.getSpec().getNodeName();
    String oldNode = old == null || old.getSpec() == null ? null : old.getSpec().getNodeName();
    if (node != null && oldNode == null) {
      String scheduler = now.getSpec().getSchedulerName();
      steps.add(
          new Step(
              "PodBound",
              scheduler == null || scheduler.isBlank() ? SCHEDULER : scheduler,
              "spec.nodeName set to " + node,
              Meta.time(podConditionTime(now, "PodScheduled"))));
    }
    ContainerStatus running = firstRunning(now);
    if (running != null && (old == null || firstRunning(old) == null)) {
      steps.add(
          new Step(
              "ContainerRunning",
              KUBELET,
              "container " + running.getName() + " is running",
              Meta.time(running.getState().getRunning().getStartedAt())));
    }
    if (isTrue(podCondition(now, "Ready"))
        && (old == null || !isTrue(podCondition(old, "Ready")))) {
      steps.add(
          new Step(
              "PodReady",
              KUBELET,
              "Ready condition is True",
              Meta.time(podConditionTime(now, "Ready"))));
    }
  }

  private static void deployment(List<Step> steps, Deployment old, Deployment now) {
    Integer replicas = now.getSpec() == null ? null : now.getSpec().getReplicas();
    if (old == null) {
      steps.add(
          new Step(
              "DeploymentCreated",
              Meta.creator(now),
              "Deployment created with " + replicas + " replicas",
              Meta.created(now)));
    } else {
      Integer oldReplicas = old.getSpec() == null ? null : old.getSpec().getReplicas();
      if (!Objects.equals(oldReplicas, replicas)) {
        steps.add(
            new Step(
                "DeploymentScaled",
                Meta.lastWriterOf(now, "f:replicas"),
                "spec.replicas changed from " + oldReplicas + " to " + replicas,
                Meta.lastWrite(now),
                now.getMetadata().getResourceVersion()));
      }
    }
    DeploymentCondition available = Conditions.of(now, "Available");
    if (available != null
        && "True".equals(available.getStatus())
        && (old == null || !isAvailable(old))) {
      steps.add(
          new Step(
              "DeploymentAvailable",
              DEPLOYMENT_CONTROLLER,
              "Available condition is True",
              Meta.time(available.getLastTransitionTime())));
    }
  }

  private static void job(List<Step> steps, Job old, Job now) {
    if (old == null) {
      steps.add(new Step("JobCreated", Meta.creator(now), "Job created", Meta.created(now)));
    }
    for (String type : List.of("Complete", "Failed")) {
      JobCondition condition = Conditions.of(now, type);
      boolean newlyTrue =
          condition != null
              && "True".equals(condition.getStatus())
              && (old == null || !jobConditionTrue(old, type));
      if (newlyTrue) {
        steps.add(
            new Step(
                "Job" + type,
                JOB_CONTROLLER,
                type
                    + " condition is True"
                    + (condition.getReason() == null ? "" : " (" + condition.getReason() + ")"),
                Meta.time(condition.getLastTransitionTime())));
      }
    }
  }

  private static void endpointSlice(List<Step> steps, EndpointSlice old, EndpointSlice now) {
    int ready = Endpoints.ready(now);
    boolean report = old == null ? ready > 0 : ready != Endpoints.ready(old);
    if (report) {
      String managedBy = Meta.label(now, "endpointslice.kubernetes.io/managed-by");
      steps.add(
          new Step(
              "EndpointSliceReady",
              managedBy == null
                  ? "endpointslice-controller"
                  : managedBy.replaceFirst("\\.k8s\\.io$", ""),
              ready
                  + " ready endpoint(s) for service "
                  + Meta.label(now, "kubernetes.io/service-name"),
              Meta.lastWrite(now),
              now.getMetadata().getResourceVersion()));
    }
  }

  private static void namespace(List<Step> steps, Namespace old, Namespace now) {
    if (old == null) {
      steps.add(
          new Step("NamespaceCreated", Meta.creator(now), "Namespace created", Meta.created(now)));
    }
    String phase = now.getStatus() == null ? null : now.getStatus().getPhase();
    String oldPhase = old == null || old.getStatus() == null ? null : old.getStatus().getPhase();
    if ("Active".equals(phase) && !"Active".equals(oldPhase)) {
      steps.add(
          new Step(
              "NamespaceActive", "kube-apiserver", "Namespace phase is Active", Meta.created(now)));
    }
  }

  private static ContainerStatus firstRunning(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return null;
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(c -> c.getState() != null && c.getState().getRunning() != null)
        .findFirst()
        .orElse(null);
  }

  private static String podCondition(Pod pod, String type) {
    PodCondition condition = Conditions.of(pod, type);
    return condition == null ? null : condition.getStatus();
  }

  private static String podConditionTime(Pod pod, String type) {
    PodCondition condition = Conditions.of(pod, type);
    return condition == null ? null : condition.getLastTransitionTime();
  }

  private static boolean isAvailable(Deployment deployment) {
    DeploymentCondition condition = Conditions.of(deployment, "Available");
    return condition != null && "True".equals(condition.getStatus());
  }

  private static boolean jobConditionTrue(Job job, String type) {
    JobCondition condition = Conditions.of(job, type);
    return condition != null && "True".equals(condition.getStatus());
  }

  private static boolean isTrue(String status) {
    return "True".equals(status);
  }

  private static String ownerText(HasMetadata object) {
    String kind = Meta.ownerKind(object);
    return kind == null ? "no owner" : kind + "/" + Meta.ownerName(object);
  }
}
