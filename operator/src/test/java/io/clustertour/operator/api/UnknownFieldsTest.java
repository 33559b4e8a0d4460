package io.clustertour.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/**
 * A tour written by a newer operator (a status field this build does not know) is still read: an
 * operator rolled back after a CRD upgrade must keep working, not crash listing tours.
 */
class UnknownFieldsTest {
  @Test
  void fieldsFromANewerOperatorAreIgnored() {
    String json =
        """
        {"apiVersion": "clustertour.io/v1alpha1", "kind": "ClusterTour",
         "metadata": {"name": "t"},
         "spec": {"stops": [{"name": "ns", "type": "Namespace", "namespace": {"name": "n"},
                             "futureSetting": 1}], "futureSpec": true},
         "status": {"state": "Running", "futureField": "x",
                    "stops": [{"name": "ns", "futureStopField": 1,
                               "timeline": [{"seq": 1, "futureEntryField": [1]}],
                               "flow": [{"step": "a", "futureFlowField": {}}]}],
                    "evidence": [{"source": "audit", "future": 1}],
                    "cluster": {"serverVersion": "v1.33", "future": 2}}}
        """;
    ClusterTour tour = new KubernetesSerialization().unmarshal(json, ClusterTour.class);
    assertEquals(TourState.Running, tour.getStatus().state);
    assertEquals(1L, tour.getStatus().stops.get(0).timeline.get(0).seq);
  }
}
