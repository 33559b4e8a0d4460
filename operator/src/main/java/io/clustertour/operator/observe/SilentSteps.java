package io.clustertour.operator.observe;

import io.clustertour.operator.observe.Meta.Host;
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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Detects silent steps: object changes seen on a watch that the cluster does not announce with an
 * Event (a pod gets a node, a ServiceAccount appears). The acting component comes from the object's
 * managedFields (see {@link Meta#attribute}). Pure: compares the previous and the current version
 * of one object, so informer resyncs (same resourceVersion) yield nothing.
 */
final class SilentSteps {
  static final String SCHEDULER = "default-scheduler";
  static final String KUBELET = "kubelet";
  static final String DEPLOYMENT_CONTROLLER = "deployment-controller";
  static final String JOB_CONTROLLER = "job-controller";
  static final String SERVICEACCOUNT_CONTROLLER = "serviceaccount-controller";
  static final String ROOT_CA_PUBLISHER = "root-ca-cert-publisher";
  static final String ENDPOINTSLICE_CONTROLLER = "endpointslice-controller";

  /** The controller that creates pods for an owner of this kind. */
  private static final Map<String, String> POD_CREATORS =
      Map.of(
          "ReplicaSet", "replicaset-controller",
          "Job", JOB_CONTROLLER,
          "DaemonSet", "daemonset-controller",
          "StatefulSet", "statefulset-controller");

  private SilentSteps() {}

  /**
   * One detected step.
   *
   * @param objectTime the time the object itself gives for the step (second precision): the
   *     observation's own time, live or recovered; the receive time is kept apart as its bound
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
      Optional<String> creator = Meta.creatorManager(replicaSet);
      Meta.Attribution who =
          "Deployment".equals(Meta.ownerKind(replicaSet))
              ? Meta.attribute(creator, Host.CONTROLLER_MANAGER, DEPLOYMENT_CONTROLLER)
              : asItself(creator);
      steps.add(
          new Step(
              "ReplicaSetCreated",
              who.component(),
              "ReplicaSet created for " + ownerText(replicaSet) + "; " + who.note(),
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
      // The controller creates `default` with nothing but a name, and managedFields keep no empty
      // entry: on a current cluster no manager is recorded and the attribution is an inference.
      Meta.Attribution who =
          Meta.attribute(
              Meta.creatorManager(account), Host.CONTROLLER_MANAGER, SERVICEACCOUNT_CONTROLLER);
      steps.add(
          new Step(
              "ServiceAccountCreated",
              who.component(),
              "ServiceAccount "
                  + account.getMetadata().getName()
                  + " appeared in the namespace; "
                  + who.note(),
              Meta.created(account)));
    } else if (now instanceof ConfigMap configMap && old == null) {
      Meta.Attribution who =
          Meta.attribute(
              Meta.creatorManager(configMap), Host.CONTROLLER_MANAGER, ROOT_CA_PUBLISHER);
      steps.add(
          new Step(
              "ConfigMapCreated",
              who.component(),
              "ConfigMap "
                  + configMap.getMetadata().getName()
                  + " published into the namespace; "
                  + who.note(),
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
              // a deleted object names no deleter: the component is an inference
              bound
                  ? "Pod removed after node "
                      + pod.getSpec().getNodeName()
                      + " stopped it (inferred: a bound pod goes once its kubelet confirms, unless"
                      + " force-deleted)"
                  : "Pod removed before it was bound to a node (inferred: the API server deletes"
                      + " it at once)",
              Meta.time(pod.getMetadata().getDeletionTimestamp())));
    }
    return List.of();
  }

  private static void pod(List<Step> steps, Pod old, Pod now) {
    if (old == null) {
      String controller = POD_CREATORS.get(Meta.ownerKind(now) == null ? "" : Meta.ownerKind(now));
      Optional<String> creator = Meta.creatorManager(now);
      Meta.Attribution who =
          controller == null
              ? asItself(creator)
              : Meta.attribute(creator, Host.CONTROLLER_MANAGER, controller);
      steps.add(
          new Step(
              "PodCreated",
              who.component(),
              "Pod created for " + ownerText(now) + "; " + who.note(),
              Meta.created(now)));
    }
    String node = now.getSpec() == null ? null : now.getSpec().getNodeName();
    String oldNode = old == null || old.getSpec() == null ? null : old.getSpec().getNodeName();
    if (node != null && oldNode == null) {
      steps.add(bound(now, node));
    }
    ContainerStatus running = firstRunning(now);
    if (running != null && (old == null || firstRunning(old) == null)) {
      Meta.Attribution who =
          Meta.attribute(
              Meta.ownerOf(now, "f:status", "f:containerStatuses"), Host.KUBELET, KUBELET);
      steps.add(
          new Step(
              "ContainerRunning",
              who.component(),
              "container " + running.getName() + " is running; " + who.note(),
              Meta.time(running.getState().getRunning().getStartedAt())));
    }
    if (isTrue(podCondition(now, "Ready"))
        && (old == null || !isTrue(podCondition(old, "Ready")))) {
      Meta.Attribution who = Meta.attribute(conditionWriter(now, "Ready"), Host.KUBELET, KUBELET);
      steps.add(
          new Step(
              "PodReady",
              who.component(),
              "Ready condition is True; " + who.note(),
              Meta.time(podConditionTime(now, "Ready"))));
    }
  }

  /**
   * A pod got its node. A scheduler sets spec.nodeName through the pods/binding subresource, which
   * writes to storage without managedFields (kubernetes/kubernetes#127508), so no entry owning
   * f:nodeName points to the pod's scheduler; an entry that does own it is a client that chose the
   * node itself when it created the pod, and no scheduler was involved.
   */
  private static Step bound(Pod pod, String node) {
    String scheduler = pod.getSpec().getSchedulerName();
    scheduler = scheduler == null || scheduler.isBlank() ? SCHEDULER : scheduler;
    Optional<String> setter = Meta.ownerOf(pod, "f:spec", "f:nodeName");
    Meta.Attribution who = Meta.attribute(setter, Host.SCHEDULER, scheduler);
    String how =
        setter.isEmpty()
            ? "set through pods/binding, which managedFields do not record; inferred: the pod's"
                + " scheduler "
                + scheduler
            : who.note();
    return new Step(
        "PodBound",
        who.component(),
        "spec.nodeName set to " + node + "; " + how,
        Meta.time(podConditionTime(pod, "PodScheduled")));
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
      Meta.Attribution who =
          Meta.attribute(
              conditionWriter(now, "Available"), Host.CONTROLLER_MANAGER, DEPLOYMENT_CONTROLLER);
      steps.add(
          new Step(
              "DeploymentAvailable",
              who.component(),
              "Available condition is True; " + who.note(),
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
        Meta.Attribution who =
            Meta.attribute(conditionWriter(now, type), Host.CONTROLLER_MANAGER, JOB_CONTROLLER);
        steps.add(
            new Step(
                "Job" + type,
                who.component(),
                type
                    + " condition is True"
                    + (condition.getReason() == null ? "" : " (" + condition.getReason() + ")")
                    + "; "
                    + who.note(),
                Meta.time(condition.getLastTransitionTime())));
      }
    }
  }

  private static void endpointSlice(List<Step> steps, EndpointSlice old, EndpointSlice now) {
    int ready = Endpoints.ready(now);
    boolean report = old == null ? ready > 0 : ready != Endpoints.ready(old);
    if (report) {
      // the managed-by label is what the writer says of itself; managedFields name the writer
      String managedBy = Meta.label(now, "endpointslice.kubernetes.io/managed-by");
      Meta.Attribution who =
          Meta.attribute(
              Meta.ownerOf(now, "f:endpoints"),
              Host.CONTROLLER_MANAGER,
              managedBy == null
                  ? ENDPOINTSLICE_CONTROLLER
                  : managedBy.replaceFirst("\\.k8s\\.io$", ""));
      steps.add(
          new Step(
              "EndpointSliceReady",
              who.component(),
              ready
                  + " ready endpoint(s) for service "
                  + Meta.label(now, "kubernetes.io/service-name")
                  + "; "
                  + who.note(),
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
              "NamespaceActive",
              "kube-apiserver",
              // set by the API server's namespace strategy when it stores the object, so no
              // field manager owns it
              "Namespace phase is Active (set by the API server when it stores a namespace)",
              Meta.created(now)));
    }
  }

  /** A creation that no known controller makes: its manager is the component, if recorded. */
  private static Meta.Attribution asItself(Optional<String> creator) {
    String name = creator.orElse(Meta.UNKNOWN_CLIENT);
    return new Meta.Attribution(
        name,
        creator.orElse(null),
        creator.isPresent() ? "field manager " + name : "no field manager recorded for it");
  }

  /** The field manager that last wrote the condition {@code type} (Ready, Available, ...). */
  private static Optional<String> conditionWriter(HasMetadata object, String type) {
    return Meta.ownerOf(object, "f:status", "f:conditions", "k:{\"type\":\"" + type + "\"}");
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
