package io.clustertour.operator.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.api.TimelineEntry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TourMetricsTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final TourMetrics metrics = new TourMetrics(registry);

  @Test
  void stopDurationIsAHistogramWithExplicitBuckets() {
    metrics.stopFinished("Deployment", "Completed", Duration.ofMillis(3200));
    String scrape = registry.scrape();

    assertTrue(scrape.contains("# TYPE clustertour_stop_duration_seconds histogram"), scrape);
    assertTrue(
        scrape.contains(
            "clustertour_stop_duration_seconds_bucket{state=\"Completed\",stop_type=\"Deployment\","
                + "le=\"0.05\"} 0"),
        scrape);
    assertTrue(
        scrape.contains(
            "clustertour_stop_duration_seconds_bucket{state=\"Completed\",stop_type=\"Deployment\","
                + "le=\"5.0\"} 1"),
        scrape);
    assertTrue(scrape.contains("le=\"600.0\"} 1"), scrape);
    assertTrue(scrape.contains("le=\"+Inf\"} 1"), scrape);
    assertTrue(
        scrape.contains(
            "clustertour_stop_duration_seconds_sum{state=\"Completed\",stop_type=\"Deployment\"} 3.2"),
        scrape);
  }

  @Test
  void flowGradedCountsVerdictsAndRecordsStepLatencyOnlyWithOffset() {
    StopStatus stop = stop();
    stop.timeline.add(SampleTour.entry(9, 1500, "s", "kubelet", "Started", "Pod/web-1", null));
    stop.flow.add(
        SampleTour.step("deployment.scheduled", "C07", "default-scheduler", "Observed", 2L, 40L));
    stop.flow.add(SampleTour.step("deployment.etcd", "C03", "etcd", "NotObservable", null, null));
    stop.flow.add(SampleTour.step("deployment.ready", "C10", "kubelet", "Observed", 9L, 1500L));
    metrics.flowGraded(stop);
    String scrape = registry.scrape();

    assertTrue(scrape.contains("# TYPE clustertour_verdicts_total counter"), scrape);
    assertTrue(
        scrape.contains(
            "clustertour_verdicts_total{stop_type=\"Deployment\",verdict=\"Observed\"} 2.0"),
        scrape);
    assertTrue(
        scrape.contains(
            "clustertour_verdicts_total{stop_type=\"Deployment\",verdict=\"NotObservable\"} 1.0"),
        scrape);
    assertTrue(scrape.contains("# TYPE clustertour_flow_step_latency_seconds histogram"), scrape);
    assertTrue(
        scrape.contains(
            "clustertour_flow_step_latency_seconds_bucket{clock=\"watch\","
                + "step=\"deployment.scheduled\",stop_type=\"Deployment\",le=\"0.05\"} 1"),
        scrape);
    assertTrue(
        scrape.contains(
            "clustertour_flow_step_latency_seconds_bucket{clock=\"watch\","
                + "step=\"deployment.ready\",stop_type=\"Deployment\",le=\"1.0\"} 0"),
        "second-precision evidence keeps the receive offset: " + scrape);
    assertFalse(scrape.contains("step=\"deployment.etcd\""), "no offset, no latency sample");
  }

  @Test
  void stepLatencyUsesTheComponentsMicrosecondClockWhenTheEvidenceHasOne() {
    StopStatus stop = stop();
    // received 80 ms after the start, but the scheduler's own eventTime says 12 ms
    TimelineEntry scheduled =
        SampleTour.entry(2, 80, "us", "default-scheduler", "Scheduled", "Pod/web-1", null);
    scheduled.time = "2025-01-01T10:00:01.012345Z";
    stop.timeline.add(scheduled);
    stop.flow.add(
        SampleTour.step("deployment.scheduled", "C07", "default-scheduler", "Observed", 2L, 80L));

    metrics.flowGraded(stop);
    String scrape = registry.scrape();

    assertTrue(
        scrape.contains(
            "clustertour_flow_step_latency_seconds_sum{clock=\"cluster\","
                + "step=\"deployment.scheduled\",stop_type=\"Deployment\"} 0.012345"),
        scrape);
    assertFalse(scrape.contains("clock=\"watch\",step=\"deployment.scheduled\""), scrape);
  }

  private static StopStatus stop() {
    StopStatus stop = new StopStatus();
    stop.type = "Deployment";
    stop.startedAt = "2025-01-01T10:00:01.000Z";
    return stop;
  }

  @Test
  void eventsLagAndTourGaugesUsePrometheusNames() {
    metrics.eventObserved("kubelet");
    metrics.eventObserved("kubelet");
    metrics.eventObserved(null);
    metrics.observationLag(0.02);
    metrics.observationLag(-0.5);
    metrics.toursByState(() -> Map.of("Running", 2L, "Completed", 1L));
    String scrape = registry.scrape();

    assertTrue(scrape.contains("# TYPE clustertour_events_observed_total counter"), scrape);
    assertTrue(scrape.contains("clustertour_events_observed_total{component=\"kubelet\"} 2.0"));
    assertTrue(scrape.contains("clustertour_events_observed_total{component=\"unknown\"} 1.0"));
    assertTrue(scrape.contains("# TYPE clustertour_observation_lag_seconds histogram"), scrape);
    assertTrue(scrape.contains("clustertour_observation_lag_seconds_bucket{le=\"0.005\"} 1"));
    assertTrue(scrape.contains("clustertour_observation_lag_seconds_bucket{le=\"0.025\"} 2"));
    assertTrue(scrape.contains("clustertour_observation_lag_seconds_count 2"), scrape);
    assertTrue(scrape.contains("# TYPE clustertour_tours gauge"), scrape);
    assertTrue(scrape.contains("clustertour_tours{state=\"Running\"} 2.0"), scrape);
    assertTrue(scrape.contains("clustertour_tours{state=\"Completed\"} 1.0"), scrape);
    assertTrue(scrape.contains("clustertour_tours{state=\"Failed\"} 0.0"), scrape);
  }

  @Test
  void labelValuesAreBoundedSoLearnerStepIdsCannotExplodeSeries() {
    for (int i = 0; i < TourMetrics.MAX_LABEL_VALUES + 10; i++) {
      metrics.eventObserved("controller-" + i);
    }
    String scrape = registry.scrape();

    assertTrue(scrape.contains("clustertour_events_observed_total{component=\"other\"} 10.0"));
    assertFalse(scrape.contains("component=\"controller-" + TourMetrics.MAX_LABEL_VALUES + "\""));
  }

  @Test
  void shippedStepIdsKeepTheirLabelAfterLearnersFilledTheirShare() {
    StopStatus learners = stop();
    for (int i = 0; i < TourMetrics.LEARNER_STEP_VALUES + 5; i++) {
      learners.flow.add(SampleTour.step("mine." + i, null, "kubelet", "Observed", 1L, 10L));
    }
    metrics.flowGraded(learners);
    StopStatus shipped = stop();
    shipped.flow.add(
        SampleTour.step("deployment.scheduled", "C07", "default-scheduler", "Observed", 2L, 40L));
    metrics.flowGraded(shipped);
    String scrape = registry.scrape();

    assertTrue(scrape.contains("step=\"mine." + (TourMetrics.LEARNER_STEP_VALUES - 1) + "\""));
    assertFalse(scrape.contains("step=\"mine." + TourMetrics.LEARNER_STEP_VALUES + "\""));
    assertTrue(scrape.contains("step=\"other\""), scrape);
    assertTrue(scrape.contains("step=\"deployment.scheduled\""), scrape);
  }

  @Test
  void receiverLossesAndOverdueStopsAreReadOnEveryScrape() {
    long[] dropped = {0};
    metrics.receiverLosses(() -> dropped[0], () -> 3);
    metrics.overdueStops(() -> 1);
    dropped[0] = 7;
    String scrape = registry.scrape();

    assertTrue(scrape.contains("# TYPE clustertour_observations_dropped_total counter"), scrape);
    assertTrue(scrape.contains("clustertour_observations_dropped_total 7.0"), scrape);
    assertTrue(scrape.contains("clustertour_watch_handler_errors_total 3.0"), scrape);
    assertTrue(scrape.contains("clustertour_stops_overdue 1.0"), scrape);
  }
}
