package io.clustertour.operator.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The directory of the kubectl the ITs drive: the one hack/local-cluster/build.sh built with the
 * local cluster (the cluster's own version), else the first on PATH.
 */
public final class Kubectl {
  private Kubectl() {}

  public static Path directory() {
    Optional<Path> found = cached().or(Kubectl::onPath);
    if (found.isEmpty()) {
      String why =
          "no kubectl: neither the local cluster's (make cluster-binaries) nor one on PATH";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(why + " (CI=true: these tests may not be skipped)");
      }
      Assumptions.abort(why);
    }
    return found.get();
  }

  private static Optional<Path> cached() {
    String cache = System.getenv("CLUSTERTOUR_CACHE");
    Path root =
        cache == null || cache.isBlank()
            ? Path.of(System.getProperty("user.home"), ".cache", "clustertour")
            : Path.of(cache);
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> builds = Files.list(root)) {
      return builds
          .filter(p -> p.getFileName().toString().startsWith("k8s-"))
          .map(p -> p.resolve("bin"))
          .filter(bin -> Files.exists(bin.resolve(".complete")))
          .filter(bin -> Files.isExecutable(bin.resolve("kubectl")))
          .max(Comparator.naturalOrder());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<Path> onPath() {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .filter(dir -> !dir.isBlank())
        .map(Path::of)
        .filter(dir -> Files.isExecutable(dir.resolve("kubectl")))
        .findFirst();
  }
}
