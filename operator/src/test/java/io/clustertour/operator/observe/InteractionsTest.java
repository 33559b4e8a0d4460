package io.clustertour.operator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.clustertour.operator.receive.AuditEvents;
import io.clustertour.operator.receive.AuditRecord;
import io.clustertour.operator.receive.OtlpSpans;
import io.clustertour.operator.receive.Span;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Interactions from the audit stream and traces the local cluster really sent for one Deployment.
 */
class InteractionsTest {
  static final Path SAMPLES = Path.of("src/test/resources/evidence");
  static final String POD = "web-85bc54cd64-zchqx";
  static final String POD_UID = "5de521de-f3e1-4006-8387-679188d97ee7";

  final List<Observation> recorded = new ArrayList<>();
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T00:14:40Z"));

  // what the watch caches hold; the test with an empty cache sets it to false
  boolean cached = true;

  Interactions interactions(String ownUserAgent) {
    return new Interactions("capt1"::equals, recorded::add, this::uidOf, ownUserAgent, clock);
  }

  String uidOf(String kind, String namespace, String name) {
    if (!cached || name == null) {
      return null;
    }
    return POD.equals(name) ? POD_UID : "uid-" + kind + "-" + name;
  }

  @Test
  void namesEachCallerAndJoinsTheNamelessPodCreateToItsEtcdWrite() throws Exception {
    Interactions in = interactions(null);
    in.audited(audit());
    in.traced(spans("otlp-apiserver-capt1.pb"));

    Observation create = only("create pods", "replicaset-controller");
    assertThat(create.name()).isEqualTo(POD);
    assertThat(create.uid()).isEqualTo(POD_UID);
    assertThat(create.source()).isEqualTo("audit");
    assertThat(create.precision()).isEqualTo(Observation.MICROS);
    Observation binding = only("create pods/binding", "kube-scheduler");
    assertThat(binding.uid()).isEqualTo(POD_UID);
    assertThat(binding.message())
        .contains("POST /api/v1/namespaces/capt1/pods/" + POD + "/binding");
    assertThat(binding.message()).contains("HTTP 201");
    assertThat(only("patch pods/status", "kubelet").message()).startsWith("kubelet of node vm");
    // the kubelet's first read of the pod was refused (the node authorizer did not know the
    // binding yet), the second answered: both are on the record
    assertThat(recorded)
        .filteredOn(o -> o.reason().equals("get pods"))
        .extracting(Observation::message)
        .anyMatch(m -> m.contains("HTTP 403"))
        .anyMatch(m -> m.contains("HTTP 200"));
    assertThat(only("create replicasets", "deployment-controller").kind()).isEqualTo("ReplicaSet");
    assertThat(only("create serviceaccounts", "service-account-controller").name())
        .isEqualTo("default");
  }

  @Test
  void recordsTheApiServersEtcdWritesOfCreatedObjects() throws Exception {
    Interactions in = interactions(null);
    in.traced(spans("otlp-apiserver-capt1.pb"));

    assertThat(recorded)
        .filteredOn(o -> o.reason().equals("etcd create"))
        .extracting(o -> o.kind() + "/" + o.name())
        .contains("Namespace/capt1", "Deployment/web", "ReplicaSet/web-85bc54cd64", "Pod/" + POD);
    Observation deployment =
        recorded.stream().filter(o -> "Deployment".equals(o.kind())).findFirst().orElseThrow();
    assertThat(deployment.component()).isEqualTo("kube-apiserver");
    assertThat(deployment.message()).contains("/deployments/capt1/web");
    assertThat(deployment.message()).containsPattern("to etcd \\(Create etcd3, [0-9.]+ ms\\)$");
    // updates of existing objects (status writes, the binding) are not listed as etcd rows
    assertThat(recorded).noneMatch(o -> o.message().contains("GuaranteedUpdate"));
  }

  @Test
  void givesEachCriCallItsPodFromTheKubeletsSyncPodSpan() throws Exception {
    interactions(null).traced(spans("otlp-kubelet-capt1.pb"));

    assertThat(recorded)
        .extracting(Observation::reason)
        .containsSubsequence("RunPodSandbox", "CreateContainer", "StartContainer");
    assertThat(recorded).allMatch(o -> POD_UID.equals(o.uid()) && o.component().equals("kubelet"));
    // the log keeps one row per key: one image check per pod however often the kubelet asks
    assertThat(recorded)
        .filteredOn(o -> o.reason().equals("ImageStatus"))
        .extracting(Observation::key)
        .containsOnly("trace/" + POD_UID + "/ImageStatus");
    assertThat(recorded).noneMatch(o -> o.reason().equals("PodSandboxStatus"));
    assertThat(recorded.get(0).message())
        .containsPattern("over CRI: runtime\\.v1\\.\\w+/\\w+ \\([0-9.]+ ms(, failed)?\\)$");
  }

  @Test
  void skipsTheOperatorsOwnRequestsAndOtherNamespaces() throws Exception {
    List<AuditRecord> records = audit();
    String kubectl =
        records.stream()
            .filter(r -> r.user().equals("clustertour-admin"))
            .findFirst()
            .orElseThrow()
            .userAgent();
    Interactions in = interactions(kubectl);
    int kept = in.audited(records);

    assertThat(recorded).noneMatch(o -> o.component().equals("clustertour-admin"));
    assertThat(kept).as("records of the tour's namespace, counted as kept").isPositive();
    assertThat(kept).isLessThan(records.size());
    recorded.clear();
    Interactions foreign =
        new Interactions(ns -> false, recorded::add, (k, a, b) -> null, null, clock);
    assertThat(foreign.audited(records)).as("nothing kept of other namespaces").isZero();
    assertThat(foreign.traced(spans("otlp-apiserver-capt1.pb"))).isZero();
    assertThat(recorded).isEmpty();
  }

  @Test
  void mergesEachWriteWithTheWatchRecordOfItUnderOneKey() throws Exception {
    Interactions in = interactions(null);
    in.audited(audit());
    in.traced(spans("otlp-apiserver-capt1.pb"));

    assertThat(only("create pods", "replicaset-controller").key())
        .isEqualTo("watch/" + POD_UID + "/PodCreated");
    assertThat(only("create pods/binding", "kube-scheduler").key())
        .isEqualTo("watch/" + POD_UID + "/PodBound");
    assertThat(recorded)
        .filteredOn(o -> o.reason().equals("etcd create") && o.kind().equals("Pod"))
        .extracting(Observation::key)
        .containsExactly("watch/" + POD_UID + "/PodCreated");
    // status writes are no watch step's write: their own rows
    assertThat(recorded)
        .filteredOn(o -> o.reason().equals("update deployments/status"))
        .allMatch(o -> o.key().startsWith("audit/"));
  }

  @Test
  void waitsForTheWatchToShowTheObjectBeforeMergingAndGivesUpAfterAWhile() throws Exception {
    cached = false;
    Interactions in = interactions(null);
    in.audited(audit());
    assertThat(recorded).noneMatch(o -> o.reason().equals("create replicasets"));

    cached = true;
    in.objectsChanged();
    assertThat(only("create replicasets", "deployment-controller").key())
        .isEqualTo("watch/uid-ReplicaSet-web-85bc54cd64/ReplicaSetCreated");

    cached = false;
    recorded.clear();
    Interactions never = interactions(null);
    never.audited(audit());
    assertThat(recorded).noneMatch(o -> o.reason().equals("create replicasets"));
    clock.now = clock.now.plus(Interactions.JOIN_WAIT).plusSeconds(1);
    never.objectsChanged();
    assertThat(only("create replicasets", "deployment-controller").key()).startsWith("audit/");
  }

  @Test
  void recordsANamelessCreateWithoutItsNameWhenTheEtcdWriteNeverComes() throws Exception {
    cached = false;
    Interactions in = interactions(null);
    in.audited(audit());
    assertThat(recorded).noneMatch(o -> o.reason().equals("create pods"));

    clock.now = clock.now.plus(Interactions.JOIN_WAIT).plusSeconds(1);
    in.audited(List.of());

    assertThat(only("create pods", "replicaset-controller").name()).isNull();
    assertThat(in.unjoined()).isPositive();
  }

  private Observation only(String reason, String component) {
    List<Observation> matching =
        recorded.stream()
            .filter(o -> o.reason().equals(reason) && o.component().equals(component))
            .toList();
    assertThat(matching).as(reason + " by " + component).hasSize(1);
    return matching.get(0);
  }

  static List<AuditRecord> audit() throws Exception {
    return AuditEvents.parse(Files.readAllBytes(SAMPLES.resolve("audit-capt1.json"))).records();
  }

  static List<Span> spans(String file) throws Exception {
    return OtlpSpans.read(
            ExportTraceServiceRequest.parseFrom(Files.readAllBytes(SAMPLES.resolve(file))))
        .kept();
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
