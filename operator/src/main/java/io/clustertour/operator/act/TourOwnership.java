package io.clustertour.operator.act;

import io.clustertour.operator.api.ClusterTour;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Labels, owner references and the ownership tests that keep a tour away from others' objects. */
public final class TourOwnership {
  /**
   * Field manager of every write, so managedFields (and the watch entries built from them) name the
   * operator as the client that made the change.
   */
  public static final String FIELD_MANAGER = "clustertour-operator";

  /** Label that ties pods to their workload; Services select on it. */
  public static final String APP_LABEL = "app";

  private TourOwnership() {}

  /** The tour label alone, for namespaces and Services. */
  public static Map<String, String> tourLabels(String tourName) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ClusterTour.TOUR_LABEL, tourName);
    return labels;
  }

  /** Tour label plus {@code app=<name>}, for workloads and their pod templates. */
  public static Map<String, String> workloadLabels(String tourName, String app) {
    Map<String, String> labels = tourLabels(tourName);
    labels.put(APP_LABEL, app);
    return labels;
  }

  /** True if the object carries this tour's label. */
  public static boolean isLabelledBy(HasMetadata object, String tourName) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels != null && tourName.equals(labels.get(ClusterTour.TOUR_LABEL));
  }

  /**
   * True if the object has an ownerReference to this very tour (same uid): a namespace left by an
   * earlier tour of the same name is not ours.
   */
  public static boolean isOwnedBy(HasMetadata object, ClusterTour tour) {
    List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
    String uid = tour.getMetadata().getUid();
    return refs != null && uid != null && refs.stream().anyMatch(r -> uid.equals(r.getUid()));
  }

  /**
   * Owner reference to the cluster-scoped tour; the garbage collector deletes owned namespaces with
   * the tour. blockOwnerDeletion stays unset: it would need update rights on the tour's finalizers
   * subresource and buys nothing here.
   */
  public static OwnerReference ownerReference(ClusterTour tour) {
    return new OwnerReferenceBuilder()
        .withApiVersion(tour.getApiVersion())
        .withKind(tour.getKind())
        .withName(tour.getMetadata().getName())
        .withUid(Objects.requireNonNull(tour.getMetadata().getUid(), "tour uid"))
        .withController(true)
        .build();
  }
}
