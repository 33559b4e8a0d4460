package io.clustertour.operator.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The operator image Jib built in this Maven run (target/jib-image.json, target/*-image.tar), and
 * how to get it into the test cluster's container runtime without a registry: containerd import on
 * the project's local cluster, {@code minikube image load}, {@code kind load image-archive}. With
 * {@code -Dit.image=REPO:TAG} (or {@code IT_IMAGE=REPO:TAG make test}) the image is taken as
 * already pushed where the cluster can pull it (AKS: see docs/install-aks.md).
 */
public final class OperatorImage {
  public static final Path JIB_JSON = Path.of("target/jib-image.json");
  public static final Path TAR = Path.of("target/cluster-tour-operator-image.tar");
  static final Path LOCAL_CONTAINERD = Path.of("/run/clustertour/containerd/containerd.sock");

  /** An image reference and the pull policy the chart should use for it. */
  public record Ref(String repository, String tag, String pullPolicy) {
    public String full() {
      return repository + ":" + tag;
    }
  }

  private OperatorImage() {}

  /** Makes the image pullable or present on the cluster's nodes and says how to reference it. */
  public static Ref provide(Path kubeconfig) {
    String pushed = System.getProperty("it.image", System.getenv().getOrDefault("IT_IMAGE", ""));
    if (!pushed.isBlank()) {
      return split(pushed, "IfNotPresent");
    }
    Ref built = built();
    Config config = config(kubeconfig);
    String context = config.getCurrentContext() == null ? "" : config.getCurrentContext().getName();
    if (Files.exists(LOCAL_CONTAINERD) && isLocal(config.getMasterUrl())) {
      run(
          List.of(
              "ctr",
              "--address",
              LOCAL_CONTAINERD.toString(),
              "-n",
              "k8s.io",
              "images",
              "import",
              TAR.toString()));
    } else if (context.equals("minikube")) {
      run(List.of("minikube", "image", "load", TAR.toString()));
    } else if (context.startsWith("kind-")) {
      run(List.of("kind", "load", "image-archive", TAR.toString(), "--name", context.substring(5)));
    } else {
      unavailable(
          "cannot load the operator image into the cluster of context '"
              + context
              + "' ("
              + config.getMasterUrl()
              + "): push it (make image-push IMAGE_REPOSITORY=...) and run the tests with"
              + " IT_IMAGE=REPOSITORY:TAG (or -Dit.image=...)");
    }
    return built;
  }

  /** The image of this build, from Jib's jib-image.json (pull policy Never: it is never pulled). */
  public static Ref built() {
    if (!Files.exists(JIB_JSON) || !Files.exists(TAR)) {
      unavailable(
          "no operator image in target/: run `make test` or `mvn verify` (the image-for-its profile"
              + " builds it before the ITs), or `make image-tar`");
    }
    try {
      JsonNode json = new ObjectMapper().readTree(JIB_JSON.toFile());
      return split(json.path("image").asText(), "Never");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + JIB_JSON, e);
    }
  }

  private static Ref split(String image, String pullPolicy) {
    int colon = image.lastIndexOf(':');
    if (colon < 0 || colon < image.lastIndexOf('/')) {
      return new Ref(image, "latest", pullPolicy);
    }
    return new Ref(image.substring(0, colon), image.substring(colon + 1), pullPolicy);
  }

  private static Config config(Path kubeconfig) {
    try {
      return Config.fromKubeconfig(Files.readString(kubeconfig));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + kubeconfig, e);
    }
  }

  /** True when the API server listens on this machine (then its node's containerd is ours). */
  static boolean isLocal(String masterUrl) {
    try {
      InetAddress address = InetAddress.getByName(URI.create(masterUrl).getHost());
      return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  private static void run(List<String> command) {
    List<String> output = new ArrayList<>();
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (var reader = p.inputReader(StandardCharsets.UTF_8)) {
        reader.lines().forEach(output::add);
      }
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException(
            "loading the operator image failed: " + command + "\n" + String.join("\n", output));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading the operator image", e);
    }
  }

  private static void unavailable(String why) {
    Required.unavailable(why, "the chart install test");
  }
}
