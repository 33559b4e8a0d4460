package io.clustertour.operator.testsupport;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Gives integration tests a real cluster: the configured kubeconfig if it answers, else none.
 *
 * <p>Order: system property {@code it.kubeconfig} (set by {@code make test} to the local cluster
 * when nothing else is configured), then {@code KUBECONFIG}, then {@code ~/.kube/config}. A k3s
 * container is the alternative when Docker runs (see {@code K3sSmokeIT}). Under {@code CI=true} a
 * missing cluster fails the test instead of skipping it, so CI cannot go green without one.
 */
public final class RealCluster {
  private static KubernetesClient shared;

  private RealCluster() {}

  /** A client to a reachable real cluster, shared by all ITs of the run. */
  public static synchronized KubernetesClient client() {
    if (shared == null) {
      shared = connect().orElse(null);
    }
    if (shared == null) {
      String why =
          "no reachable Kubernetes cluster: run `make test` (it starts the local cluster), or set"
              + " KUBECONFIG to a minikube/kind/AKS cluster";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(why + " (CI=true: real-cluster tests may not be skipped)");
      }
      Assumptions.abort(why);
    }
    return shared;
  }

  /** The kubeconfig path the ITs use, for tests that start the operator as a process. */
  public static Optional<Path> kubeconfigPath() {
    return candidates().findFirst();
  }

  private static Optional<KubernetesClient> connect() {
    return candidates().map(RealCluster::clientFor).filter(RealCluster::answers).findFirst();
  }

  private static java.util.stream.Stream<Path> candidates() {
    return java.util.stream.Stream.of(
            System.getProperty("it.kubeconfig"),
            System.getenv("KUBECONFIG"),
            System.getProperty("user.home") + "/.kube/config")
        .filter(p -> p != null && !p.isBlank())
        .map(p -> Path.of(p.split(java.io.File.pathSeparator)[0]))
        .filter(Files::isReadable);
  }

  private static KubernetesClient clientFor(Path kubeconfig) {
    try {
      Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
      config.setRequestTimeout(30_000);
      config.setConnectionTimeout(5_000);
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read kubeconfig " + kubeconfig, e);
    }
  }

  private static boolean answers(KubernetesClient client) {
    try {
      return client.getKubernetesVersion() != null;
    } catch (RuntimeException e) {
      client.close();
      return false;
    }
  }
}
