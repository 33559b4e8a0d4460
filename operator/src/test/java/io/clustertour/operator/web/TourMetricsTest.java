package io.clustertour.operator.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
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
            "clustertour_stop_duration_seconds_bucket{state=\"Completed\",type=\"Deployment\","
                + "le=\"0.05\"} 0"),
        scrape);
    assertTrue(
        scrape.contains(
            "clustertour_stop_duration_seconds_bucket{state=\"Completed\",type=\"Deployment\","
                + "le=\"5.0\"} 1"),
        scrape);
    assertTrue(scrape.contains("le=\"600.0\"} 1"), scrape);
    assertTrue(scrape.contains("le=\"+Inf\"} 1"), scrape);
    assertTrue(
        scrape.contains(
            "clustertour_stop_duration_seconds_sum{state=\"Completed\",type=\"Deployment\"} 3.2"),
        scrape);
  }

  @Test
  void flowGradedCountsVerdictsAndRecordsStepLatencyOnlyWithOffset() {
    metrics.flowGraded(
        "Deployment",
        List.of(
            SampleTour.step(
                "deployment.scheduled", "C07", "default-scheduler", "Observed", 2L, 40L),
            SampleTour.step("deployment.etcd", "C03", "etcd", "NotObservable", null, null),
            SampleTour.step("deployment.ready", "C10", "kubelet", "Observed", 9L, 1500L)));
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
            "clustertour_flow_step_latency_seconds_bucket{step=\"deployment.scheduled\","
                + "stop_type=\"Deployment\",le=\"0.05\"} 1"),
        scrape);
    assertTrue(
        scrape.contains(
            "clustertour_flow_step_latency_seconds_bucket{step=\"deployment.ready\","
                + "stop_type=\"Deployment\",le=\"1.0\"} 0"),
        scrape);
    assertFalse(scrape.contains("step=\"deployment.etcd\""), "no offset, no latency sample");
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
}
