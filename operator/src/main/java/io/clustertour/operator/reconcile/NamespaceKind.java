package io.clustertour.operator.reconcile;

import io.clustertour.operator.act.ActResult;
import io.clustertour.operator.api.Stop;
import io.clustertour.operator.api.StopStatus;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Namespace: creates a namespace the tour owns; done once it is Active with its silent objects. */
final class NamespaceKind implements StopKind {
  static final NamespaceKind INSTANCE = new NamespaceKind();

  private NamespaceKind() {}

  @Override
  public Optional<String> namespace(Stop stop, TourPlan plan) {
    return Optional.ofNullable(stop.namespace).map(n -> n.name);
  }

  @Override
  public boolean usesEarlierNamespace() {
    return false;
  }

  @Override
  public StopStarter.Started start(Stop stop, StopStatus status, Tools tools) {
    // Tracking first means the namespace's own creation is on the record. A namespace that turns
    // out to belong to someone else is forgotten again, unless another tour was tracking it.
    String ns = tools.namespace();
    boolean trackedBefore = tools.watcher().isTracked(ns);
    tools.watcher().track(ns, tools.tour().getMetadata().getName());
    ActResult result = tools.actions().createNamespace(tools.tour(), ns);
    if ((result.failed() || result.notYet()) && !trackedBefore) {
      tools.watcher().untrack(ns);
    }
    return StopStarter.Started.of(result);
  }

  @Override
  public Judgement judge(Stop stop, Window window) {
    return judge(window.snapshot(), window.namespace());
  }

  static Judgement judge(ClusterSnapshot s, String name) {
    Namespace ns = s.namespace();
    if (ns == null) {
      return Judgement.waiting(
          "NamespaceNotSeen", "namespace " + name + " not seen on the watch yet");
    }
    List<String> missing = new ArrayList<>();
    String phase = ns.getStatus() == null ? null : ns.getStatus().getPhase();
    if (!"Active".equals(phase)) {
      missing.add("namespace phase is " + phase + ", not Active");
    }
    if (!s.defaultServiceAccount()) {
      missing.add(
          "no ServiceAccount default from the serviceaccount-controller (a silent step: it"
              + " creates an object, not an Event)");
    }
    if (!s.rootCaConfigMap()) {
      missing.add("no ConfigMap kube-root-ca.crt from the root-ca-cert-publisher (a silent step)");
    }
    if (missing.isEmpty()) {
      return Judgement.completed(
          "namespace "
              + name
              + " is Active; the serviceaccount-controller created ServiceAccount default and the"
              + " root-ca-cert-publisher published ConfigMap kube-root-ca.crt, without Events");
    }
    String reason =
        !"Active".equals(phase)
            ? "NamespaceNotActive"
            : !s.defaultServiceAccount() ? "ServiceAccountMissing" : "RootCaConfigMapMissing";
    return Judgement.waiting(reason, String.join("; ", missing));
  }
}
