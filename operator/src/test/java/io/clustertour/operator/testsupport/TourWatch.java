package io.clustertour.operator.testsupport;

import static org.awaitility.Awaitility.await;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.StopStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Inline tours for the fault and security ITs: create one afresh, follow one stop's state, ask the
 * operator's probes, clean up.
 */
public final class TourWatch {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private TourWatch() {}

  /** Creates the tour of this YAML after deleting (and waiting out) one of the same name. */
  public static String recreate(KubernetesClient client, String yaml) {
    ClusterTour tour =
        Tours.api(client).load(new java.io.ByteArrayInputStream(yaml.getBytes())).item();
    String name = tour.getMetadata().getName();
    Tours.api(client).withName(name).delete();
    await("earlier tour " + name + " gone")
        .atMost(Duration.ofMinutes(2))
        .until(() -> Tours.api(client).withName(name).get() == null);
    Tours.api(client).resource(tour).create();
    return name;
  }

  /** The stop's status, if the tour and the stop exist yet. */
  public static Optional<StopStatus> stop(KubernetesClient client, String tour, String stop) {
    ClusterTour t = Tours.api(client).withName(tour).get();
    if (t == null || t.getStatus() == null) {
      return Optional.empty();
    }
    return t.getStatus().stops.stream().filter(s -> stop.equals(s.name)).findFirst();
  }

  /**
   * Waits until the stop satisfies the condition (API errors, e.g. during an API server restart,
   * are retried) and returns it.
   */
  public static StopStatus awaitStop(
      KubernetesClient client,
      String tour,
      String stop,
      String what,
      Predicate<StopStatus> condition,
      Duration limit) {
    await(tour + "/" + stop + " " + what)
        .atMost(limit)
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(() -> stop(client, tour, stop).filter(condition).isPresent());
    return stop(client, tour, stop).orElseThrow();
  }

  /** HTTP status of one of the operator's endpoints (/healthz, /readyz), or -1 if it is down. */
  public static int probe(OperatorProcess operator, String path) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(operator.url(path)))
              .timeout(Duration.ofSeconds(5))
              .build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * Keeps the operator's log and the tours' last state as target/NAME-operator.log and
   * target/NAME-tours.yaml, for reading a failure after the tours are deleted.
   */
  public static void keepEvidence(
      KubernetesClient client, OperatorProcess operator, String name, String... tours) {
    try {
      java.nio.file.Files.writeString(
          java.nio.file.Path.of("target", name + "-operator.log"), operator.log());
      StringBuilder yaml = new StringBuilder();
      for (String tour : tours) {
        ClusterTour t = Tours.api(client).withName(tour).get();
        if (t != null) {
          yaml.append(client.getKubernetesSerialization().asYaml(t));
        }
      }
      java.nio.file.Files.writeString(
          java.nio.file.Path.of("target", name + "-tours.yaml"), yaml.toString());
    } catch (IOException | RuntimeException e) {
      System.err.println("cannot keep the evidence of " + name + ": " + e);
    }
  }

  /** Deletes the tours (their namespaces go with them) and waits until the namespaces are gone. */
  public static void deleteAll(KubernetesClient client, String[] tours, String... namespaces) {
    for (String tour : tours) {
      Tours.api(client).withName(tour).delete();
    }
    await("namespaces of the deleted tours gone")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(
            () -> {
              for (String ns : namespaces) {
                if (client.namespaces().withName(ns).get() != null) {
                  return false;
                }
              }
              return true;
            });
  }
}
