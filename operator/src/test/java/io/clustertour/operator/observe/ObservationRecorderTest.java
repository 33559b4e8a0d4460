package io.clustertour.operator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObservationRecorderTest {

  @Test
  void everyRecordedObservationNamesItsComponentForMetrics() {
    List<String> namespaces = new ArrayList<>();
    List<String> components = new ArrayList<>();
    ObservationRecorder recorder = new ObservationRecorder(namespaces::add);
    recorder.setComponentListener(components::add);
    recorder.track("tour-ns");

    recorder.event(
        EventObservationsTest.event("e1", "Scheduled")
            .withReportingComponent("default-scheduler")
            .build(),
        false);
    recorder.event(
        EventObservationsTest.event("e2", "Pulled")
            .withNewSource()
            .withComponent("kubelet")
            .endSource()
            .build(),
        false);
    // the same event again without a higher count changes nothing, so it is not counted
    recorder.event(
        EventObservationsTest.event("e2", "Pulled")
            .withNewSource()
            .withComponent("kubelet")
            .endSource()
            .build(),
        false);

    assertThat(components).containsExactly("default-scheduler", "kubelet");
    assertThat(namespaces).containsExactly("tour-ns", "tour-ns");
  }

  @Test
  void untrackedNamespacesAreNotCounted() {
    List<String> components = new ArrayList<>();
    ObservationRecorder recorder = new ObservationRecorder(ns -> {});
    recorder.setComponentListener(components::add);
    recorder.event(EventObservationsTest.event("e1", "Scheduled").build(), false);
    assertThat(components).isEmpty();
  }
}
