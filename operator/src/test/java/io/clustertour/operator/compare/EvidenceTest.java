package io.clustertour.operator.compare;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.ClusterTourSpec.Language;
import io.clustertour.operator.api.TimelineEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceTest {
  private static TimelineEntry watched(List<String> via) {
    TimelineEntry e =
        Entries.watch(
            4, "replicaset-controller", "PodCreated", "Pod/web-1", "2026-12-02T01:32:54.2Z");
    e.time = "2026-12-02T01:32:54.173614Z";
    e.precision = "us";
    e.via = via;
    e.message = "Pod created · system:serviceaccount:kube-system:replicaset-controller: POST";
    return e;
  }

  @Test
  void aWatchedWriteWithItsAuditedRequestCarriesTheApiServersClock() {
    String text = Evidence.observed(List.of(watched(List.of("audit", "trace"))), Language.en);
    assertTrue(text.contains("received by the API server at 2026-12-02T01:32:54.173614Z"), text);
    String ko = Evidence.observed(List.of(watched(List.of("audit"))), Language.ko);
    assertTrue(ko.contains("API 서버가 요청을 받은 시각"), ko);
  }

  @Test
  void aWatchedWriteWithOnlyItsEtcdSpanCarriesTheSpanStart() {
    String text = Evidence.observed(List.of(watched(List.of("trace"))), Language.en);
    assertTrue(text.contains("span start 2026-12-02T01:32:54.173614Z"), text);
  }

  @Test
  void aWatchedWriteAloneCarriesTheObjectsOwnTimestamp() {
    String text = Evidence.observed(List.of(watched(null)), Language.en);
    assertTrue(text.contains("object's own timestamp"), text);
  }
}
