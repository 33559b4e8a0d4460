package io.clustertour.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.StopState;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.api.TimelineEntry;
import io.clustertour.operator.testsupport.Crds;
import io.clustertour.operator.testsupport.EventCoverage;
import io.clustertour.operator.testsupport.EventCoverage.EventRef;
import io.clustertour.operator.testsupport.OperatorProcess;
import io.clustertour.operator.testsupport.RealCluster;
import io.clustertour.operator.testsupport.TourWatch;
import io.clustertour.operator.testsupport.Tours;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The operator is killed (SIGKILL) while a Deployment stop runs and started again: every Event the
 * API server holds for the tour's namespace from the tour's run appears in the timeline, and every
 * scheduled pod has its PodCreated and PodBound steps: nothing seen only during the outage is lost.
 * (OperatorLifecycleIT checks that the tour completes; this one counts entries.)
 */
class FaultOperatorKillIT {
  private static final String TOUR = "fault-operator-kill";
  private static final String NS = "tour-fault-kill";
  private static KubernetesClient client;

  @BeforeAll
  static void setUp() {
    client = RealCluster.client();
    Crds.install(client);
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void noTimelineEntryIsLostWhenTheOperatorIsKilledMidTour() {
    String yaml =
        """
        apiVersion: clustertour.io/v1alpha1
        kind: ClusterTour
        metadata: {name: fault-operator-kill}
        spec:
          stops:
          - {name: namespace, type: Namespace, namespace: {name: tour-fault-kill}}
          - name: web
            type: Deployment
            deployment: {name: web, namespace: tour-fault-kill, image: busybox:1.36,
                         imagePullPolicy: IfNotPresent, replicas: 3, command: [httpd, -f, -p, "8080"]}
          - {name: scale-down, type: Scale, target: web, scale: {replicas: 1}}
        """;
    OperatorProcess first = OperatorProcess.start();
    try {
      TourWatch.recreate(client, yaml);
      TourWatch.awaitStop(
          client, TOUR, "web", "Running", s -> s.state == StopState.Running, Duration.ofMinutes(2));
    } finally {
      first.kill();
    }
    try (OperatorProcess second = OperatorProcess.start()) {
      try {
        ClusterTour tour = Tours.awaitCompleted(client, TOUR, Duration.ofMinutes(4));
        for (StopStatus stop : tour.getStatus().stops) {
          assertThat(stop.state)
              .as("stop %s: %s", stop.name, stop.message)
              .isEqualTo(StopState.Completed);
        }
        Instant from = EventCoverage.parse(tour.getStatus().stops.get(0).startedAt);
        Instant to = EventCoverage.parse(tour.getStatus().stops.get(2).finishedAt);
        // Event times have whole seconds: the last second may hold events from after the end.
        List<EventRef> events =
            client.v1().events().inNamespace(NS).list().getItems().stream()
                .map(e -> EventRef.of(e, null))
                .filter(
                    e ->
                        !e.time().isBefore(from.truncatedTo(ChronoUnit.SECONDS))
                            && e.time().isBefore(to.truncatedTo(ChronoUnit.SECONDS)))
                .toList();
        EventCoverage.Result coverage = EventCoverage.of(tour, events);
        assertThat(events).as("the tour's run produced events").hasSizeGreaterThan(10);
        assertThat(coverage.missing()).as("events missing from every stop's timeline").isEmpty();
        assertThat(coverage.droppedEntries()).isZero();

        Set<String> scheduled =
            events.stream()
                .filter(e -> "Scheduled".equals(e.reason()))
                .map(EventRef::object)
                .collect(Collectors.toSet());
        assertThat(scheduled).hasSizeGreaterThanOrEqualTo(3);
        Set<String> steps =
            tour.getStatus().stops.stream()
                .flatMap(s -> s.timeline.stream())
                .filter(e -> "watch".equals(e.source))
                .map(FaultOperatorKillIT::step)
                .collect(Collectors.toSet());
        for (String pod : scheduled) {
          assertThat(steps).contains(pod + " PodCreated", pod + " PodBound");
        }
        System.out.printf(
            "FaultOperatorKillIT: %d events, all %d in the timeline%n",
            events.size(), coverage.matched().size());
      } finally {
        TourWatch.deleteAll(client, new String[] {TOUR}, NS);
      }
    }
  }

  private static String step(TimelineEntry e) {
    return e.object + " " + e.reason;
  }
}
