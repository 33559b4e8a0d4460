package io.clustertour.operator.testsupport;

import static org.awaitility.Awaitility.await;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.FlowStepResult;
import io.clustertour.operator.api.StopStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Applying example tours and reading their outcome, for the operator ITs. */
public final class Tours {
  private Tours() {}

  public static NonNamespaceOperation<
          ClusterTour, KubernetesResourceList<ClusterTour>, Resource<ClusterTour>>
      api(KubernetesClient client) {
    return client.resources(ClusterTour.class);
  }

  /**
   * Creates the tour of an examples/ file (the file as a learner would apply it), replacing a tour
   * of the same name left by an earlier run once the operator has cleaned it up.
   */
  public static ClusterTour apply(KubernetesClient client, String exampleFile) {
    try (InputStream in = Files.newInputStream(Path.of("../examples", exampleFile))) {
      ClusterTour tour = api(client).load(in).item();
      api(client).withName(tour.getMetadata().getName()).delete();
      await("earlier tour " + tour.getMetadata().getName() + " gone")
          .atMost(Duration.ofMinutes(2))
          .until(() -> api(client).withName(tour.getMetadata().getName()).get() == null);
      return api(client).resource(tour).create();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read example " + exampleFile, e);
    }
  }

  /** Waits until the tour's Completed condition is True and returns the tour. */
  public static ClusterTour awaitCompleted(KubernetesClient client, String name, Duration limit) {
    await("tour " + name + " Completed")
        .atMost(limit)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                condition(api(client).withName(name).get(), "Completed")
                    .filter("True"::equals)
                    .isPresent());
    return api(client).withName(name).get();
  }

  public static Optional<String> condition(ClusterTour tour, String type) {
    if (tour == null || tour.getStatus() == null) {
      return Optional.empty();
    }
    return tour.getStatus().conditions.stream()
        .filter(c -> type.equals(c.getType()))
        .map(Condition::getStatus)
        .findFirst();
  }

  public static StopStatus stop(ClusterTour tour, String stopName) {
    return tour.getStatus().stops.stream()
        .filter(s -> stopName.equals(s.name))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no stop " + stopName + " in status of " + tour.getMetadata().getName()));
  }

  /** The verdicts of a stop's flow for one claim id (a claim may be checked by several steps). */
  public static List<FlowStepResult> claim(StopStatus stop, String claimId) {
    return stop.flow.stream().filter(f -> claimId.equals(f.claim)).toList();
  }

  /** Deletes a tour and waits until the garbage collector removed its namespace. */
  public static void deleteAndAwaitCleanup(KubernetesClient client, String name, String namespace) {
    api(client).withName(name).delete();
    await("namespace " + namespace + " garbage-collected after deleting tour " + name)
        .atMost(Duration.ofSeconds(120))
        .until(() -> client.namespaces().withName(namespace).get() == null);
  }
}
