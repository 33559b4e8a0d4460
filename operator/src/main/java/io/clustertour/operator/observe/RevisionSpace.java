package io.clustertour.operator.observe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks whether Events and objects share one etcd revision space, so that an Event's
 * resourceVersion orders it among object writes. Clusters may keep Events in an etcd of their own
 * (kube-apiserver {@code --etcd-servers-overrides}); then only writes of one kind compare.
 *
 * @param integers every live resourceVersion seen is an integer
 * @param checks Event/object pairs whose order is known without revisions
 * @param contradictions pairs whose revisions disagree with that known order
 */
public record RevisionSpace(boolean integers, int checks, int contradictions) {

  /** Whether Event revisions may be compared with object revisions. */
  public boolean shared() {
    return integers && checks > 0 && contradictions == 0;
  }

  /**
   * Checks the live observations: an Event about an object is written after the object was created
   * (Event revision above the creation's revision), and an Event the operator received before
   * sending a request was written before that request's write.
   */
  public static RevisionSpace of(List<Observation> observations) {
    boolean integers = true;
    Map<String, Long> firstWriteOfUid = new HashMap<>();
    // the operator's requests, read once: every live Event is checked against each of them
    List<Observation> requests = new ArrayList<>();
    List<Long> requestRevisions = new ArrayList<>();
    for (Observation o : observations) {
      if (o.recovered() || Observation.INVENTORY.equals(o.source())) {
        continue;
      }
      Long rv = o.revision();
      if (rv == null) {
        integers &= o.resourceVersion() == null;
        continue;
      }
      if (!Observation.EVENT.equals(o.source()) && o.uid() != null && isCreation(o)) {
        firstWriteOfUid.merge(o.uid(), rv, Math::min);
      }
      if (Observation.REQUEST.equals(o.source()) && o.time() != null) {
        requests.add(o);
        requestRevisions.add(rv);
      }
    }
    int checks = 0;
    int contradictions = 0;
    for (Observation e : observations) {
      Long rv = e.revision();
      if (!Observation.EVENT.equals(e.source()) || e.recovered() || rv == null) {
        continue;
      }
      Long created = e.uid() == null ? null : firstWriteOfUid.get(e.uid());
      if (created != null) {
        checks++;
        contradictions += rv > created ? 0 : 1;
      }
      for (int i = 0; i < requests.size(); i++) {
        if (e.receivedAt() != null && e.receivedAt().isBefore(requests.get(i).time())) {
          checks++;
          contradictions += rv < requestRevisions.get(i) ? 0 : 1;
        }
      }
    }
    return new RevisionSpace(integers, checks, contradictions);
  }

  /**
   * Whether the observation is the object's creation: only then does every Event about the object
   * come after it (a pod first seen in a window at its deletion had its Events long before).
   */
  private static boolean isCreation(Observation o) {
    return o.reason() != null && o.reason().endsWith("Created");
  }

  /** One sentence for the status: how this stop's timeline is ordered. */
  public String describe() {
    if (!integers) {
      return "resourceVersions are not integers here: ordered by the components' clocks only";
    }
    if (shared()) {
      return "by etcd revision: Events and objects share one revision space (checked on "
          + checks
          + " pairs, none contradicts)";
    }
    if (contradictions > 0) {
      return "object writes by etcd revision, Events by their clocks: "
          + contradictions
          + " of "
          + checks
          + " checks show Events in a revision space of their own";
    }
    return "object writes by etcd revision, Events by their clocks: nothing here showed yet"
        + " whether Events share the objects' revision space";
  }
}
