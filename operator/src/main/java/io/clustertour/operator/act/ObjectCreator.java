package io.clustertour.operator.act;

import io.clustertour.operator.api.ClusterTour;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * Creates an object only when it is absent. An existing object is left exactly as it is: reused
 * when it is the tour's own, otherwise reported as not owned (never adopted).
 */
public final class ObjectCreator {
  private final KubernetesClient client;

  public ObjectCreator(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Creates the tour's namespace, or fails with {@code NamespaceNotOwned}. A namespace an earlier
   * tour of the same name left behind and that is being deleted (the tour was deleted and applied
   * again) is waited for rather than refused.
   */
  public ActResult namespace(ClusterTour tour, String name) {
    Namespace desired = WorkloadSpecs.namespace(tour, name);
    Namespace leftover = client.namespaces().withName(name).get();
    if (leftover != null
        && leftover.getMetadata().getDeletionTimestamp() != null
        && !TourOwnership.isOwnedBy(leftover, tour)
        && TourOwnership.isLabelledBy(leftover, tour.getMetadata().getName())) {
      return ActResult.notYet(
          "NamespaceTerminating",
          "namespace "
              + name
              + " of an earlier ClusterTour named "
              + tour.getMetadata().getName()
              + " is still being deleted; the stop starts once it is gone");
    }
    return createIfAbsent(
        desired,
        existing -> TourOwnership.isOwnedBy(existing, tour),
        "NamespaceNotOwned",
        "namespace "
            + name
            + " already exists and was not created by this ClusterTour; a tour never adopts,"
            + " changes or deletes a namespace it did not create. Pick another name.");
  }

  /**
   * Checks that a namespace exists and is this tour's before anything is written into it: a tour
   * only ever works inside namespaces it created.
   */
  public ActResult requireOwnedNamespace(ClusterTour tour, String name) {
    Namespace ns = client.namespaces().withName(name).get();
    if (ns == null) {
      return ActResult.failed("NamespaceNotFound", "namespace " + name + " does not exist");
    }
    if (!TourOwnership.isOwnedBy(ns, tour)) {
      return ActResult.failed(
          "NamespaceNotOwned",
          "namespace "
              + name
              + " was not created by this ClusterTour; the tour writes nothing into it");
    }
    return ActResult.done("namespace " + name + " is owned by this tour");
  }

  /** Creates a namespaced object labelled by the tour, or fails with {@code ObjectNotOwned}. */
  public <T extends HasMetadata> ActResult labelled(T desired, String tourName) {
    String what = kindAndName(desired);
    return createIfAbsent(
        desired,
        existing -> TourOwnership.isLabelledBy(existing, tourName),
        "ObjectNotOwned",
        what
            + " already exists without the label "
            + ClusterTour.TOUR_LABEL
            + "="
            + tourName
            + "; the tour leaves it untouched.");
  }

  private <T extends HasMetadata> ActResult createIfAbsent(
      T desired, Predicate<HasMetadata> ours, String notOwnedReason, String notOwnedMessage) {
    HasMetadata existing = client.resource(desired).get();
    if (existing != null) {
      return ours.test(existing)
          ? ActResult.done(kindAndName(desired) + " already created by this tour")
          : ActResult.failed(notOwnedReason, notOwnedMessage);
    }
    // Server-side apply is the one write that carries a field manager on creation, so the new
    // object's managedFields name this operator as the client that asked for it.
    Instant sentAt = Instant.now();
    HasMetadata created =
        client.resource(desired).fieldManager(TourOwnership.FIELD_MANAGER).serverSideApply();
    return ActResult.wrote(
        "created " + kindAndName(desired),
        new OwnWrite("create", null, created, sentAt, Instant.now()));
  }

  static String kindAndName(HasMetadata o) {
    return o.getKind() + "/" + o.getMetadata().getName();
  }
}
