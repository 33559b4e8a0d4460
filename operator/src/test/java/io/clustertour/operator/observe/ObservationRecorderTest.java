package io.clustertour.operator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObservationRecorderTest {

  @Test
  void everyRecordedObservationNamesItsComponentForMetrics() {
    List<Boolean> woke = new ArrayList<>();
    List<String> components = new ArrayList<>();
    ObservationRecorder recorder = new ObservationRecorder();
    recorder.setComponentListener(components::add);
    recorder.track("tour-ns");
    Notifications<io.fabric8.kubernetes.api.model.Event> events = recorder.eventNotifications();

    woke.add(
        events.added(
            EventObservationsTest.event("e1", "Scheduled")
                .withReportingComponent("default-scheduler")
                .build()));
    io.fabric8.kubernetes.api.model.Event pulled =
        EventObservationsTest.event("e2", "Pulled")
            .withNewSource()
            .withComponent("kubelet")
            .endSource()
            .build();
    woke.add(events.added(pulled));
    // the same event again without a higher count changes nothing: not counted, no wake-up
    woke.add(events.updated(pulled, pulled));
    woke.add(events.deleted(pulled));

    assertThat(components).containsExactly("default-scheduler", "kubelet");
    assertThat(woke).containsExactly(true, true, false, false);
  }

  @Test
  void theOperatorsOwnWriteIsRecordedOnceAheadOfItsWatchNotification() {
    ObservationRecorder recorder = new ObservationRecorder();
    recorder.track("tour-ns");
    io.fabric8.kubernetes.api.model.apps.Deployment created =
        new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
            .withNewMetadata()
            .withName("web")
            .withNamespace("tour-ns")
            .withUid("d-uid")
            .withResourceVersion("10")
            .withCreationTimestamp("2025-01-01T10:00:01Z")
            .addNewManagedField()
            .withManager("clustertour-operator")
            .withOperation("Apply")
            .endManagedField()
            .endMetadata()
            .withNewSpec()
            .withReplicas(2)
            .endSpec()
            .build();

    Instant sent = Instant.parse("2025-01-01T10:00:01.123Z");
    recorder.requested(null, created, sent, sent.plusMillis(40));
    recorder.event(
        EventObservationsTest.event("e1", "ScalingReplicaSet")
            .withNewSource()
            .withComponent("deployment-controller")
            .endSource()
            .build(),
        false);
    recorder.changed(null, created); // the watch delivers the same creation later

    List<Observation> seen = recorder.observations("tour-ns");
    assertThat(seen)
        .extracting(Observation::reason)
        .containsExactly("DeploymentCreated", "ScalingReplicaSet");
    assertThat(seen.get(0).component()).isEqualTo("clustertour-operator");
    assertThat(seen.get(0).seq()).isLessThan(seen.get(1).seq());
    assertThat(seen.get(0).source()).isEqualTo(Observation.REQUEST);
    assertThat(seen.get(0).time()).isEqualTo(sent);
    assertThat(seen.get(0).resourceVersion()).isEqualTo("10");
  }

  @Test
  void theAnswerReplacesAWatchNotificationThatCameFirstButKeepsItsPlaceAndTighterBound() {
    ObservationRecorder recorder = new ObservationRecorder();
    recorder.track("tour-first");
    io.fabric8.kubernetes.api.model.Namespace created =
        new io.fabric8.kubernetes.api.model.NamespaceBuilder()
            .withNewMetadata()
            .withName("tour-first")
            .withUid("ns-uid")
            .withResourceVersion("3141")
            .withCreationTimestamp("2025-01-01T10:00:01Z")
            .endMetadata()
            .build();
    // seen on the local cluster: the Namespace watch delivered before the create call returned
    recorder.changed(null, created);
    Observation watched = recorder.observations("tour-first").get(0);
    Instant sent = watched.receivedAt().minusMillis(30);
    recorder.requested(null, created, sent, watched.receivedAt().plusMillis(8));

    Observation kept = recorder.observations("tour-first").get(0);
    assertThat(kept.source()).isEqualTo(Observation.REQUEST);
    assertThat(kept.seq()).isEqualTo(watched.seq());
    assertThat(kept.time()).isEqualTo(sent);
    assertThat(kept.receivedAt()).isEqualTo(watched.receivedAt());
  }

  @Test
  void untrackedNamespacesAreNotCounted() {
    List<String> components = new ArrayList<>();
    ObservationRecorder recorder = new ObservationRecorder();
    recorder.setComponentListener(components::add);
    recorder.event(EventObservationsTest.event("e1", "Scheduled").build(), false);
    assertThat(components).isEmpty();
  }

  static io.fabric8.kubernetes.api.model.Pod pod(String uid, String resourceVersion) {
    return new io.fabric8.kubernetes.api.model.PodBuilder(
            ClusterWatcherTest.pod("tour-ns", "web-1"))
        .editMetadata()
        .withUid(uid)
        .withResourceVersion(resourceVersion)
        .endMetadata()
        .build();
  }

  @Test
  void everyHandledObjectChangeIsRememberedByVersionAndWakesTheTourEvenWithoutANewObservation() {
    ObservationRecorder recorder = new ObservationRecorder();
    recorder.track("tour-ns");
    Notifications<io.fabric8.kubernetes.api.model.Pod> handler = recorder.objectNotifications();

    assertThat(handler.added(pod("p-uid", "5"))).isTrue();
    int afterAdd = recorder.observations("tour-ns").size();
    // a status update that is no step of its own (nothing new on the timeline)
    assertThat(handler.updated(pod("p-uid", "5"), pod("p-uid", "6"))).isTrue();

    assertThat(recorder.observations("tour-ns")).hasSize(afterAdd);
    assertThat(recorder.processedVersions("tour-ns")).containsEntry("p-uid", "6");

    assertThat(handler.deleted(pod("p-uid", "7"))).isTrue();
    assertThat(recorder.processedVersions("tour-ns")).doesNotContainKey("p-uid");

    recorder.untrack("tour-ns");
    assertThat(handler.added(pod("q-uid", "8"))).as("untracked: no tour to wake").isFalse();
  }

  @Test
  void aReplayNeverPutsBackAnOlderVersionThanALiveNotificationRecorded() {
    ObservationRecorder recorder = new ObservationRecorder();
    recorder.track("tour-ns");
    recorder.<io.fabric8.kubernetes.api.model.Pod>objectNotifications().added(pod("p-uid", "9"));

    recorder.replay("tour-ns", List.of(pod("p-uid", "8"), pod("q-uid", "3")), List.of());

    assertThat(recorder.processedVersions("tour-ns"))
        .containsEntry("p-uid", "9")
        .containsEntry("q-uid", "3");
    recorder.untrack("tour-ns");
    assertThat(recorder.processedVersions("tour-ns")).isNull();
  }

  @Test
  void ownWritesAreRecordedButNotProcessedNotifications() {
    ObservationRecorder recorder = new ObservationRecorder();
    recorder.track("tour-ns");

    recorder.requested(null, pod("p-uid", "4"), Instant.now().minusMillis(3), Instant.now());

    assertThat(recorder.observations("tour-ns")).isNotEmpty();
    assertThat(recorder.processedVersions("tour-ns"))
        .as("its watch notification is still to come")
        .isEmpty();
  }
}
