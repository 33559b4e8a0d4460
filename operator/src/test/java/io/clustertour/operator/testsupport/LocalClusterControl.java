package io.clustertour.operator.testsupport;

import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Stops and starts single components of the project's local cluster through
 * hack/local-cluster/component.sh, and reads what its supervisor recorded, for fault tests. Other
 * clusters cannot be broken on purpose: there the tests are skipped with the reason.
 */
public final class LocalClusterControl {
  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final Path SCRIPT = REPO.resolve("hack/local-cluster/component.sh");
  static final Path LOCAL_KUBECONFIG = REPO.resolve(".cluster/kubeconfig");
  static final Path PIDS = REPO.resolve(".cluster/pids");
  private static final long TIMEOUT_SECONDS = 180;

  private LocalClusterControl() {}

  /**
   * The control of the local cluster the ITs run against. Skips the test when the ITs use another
   * cluster; fails under {@code CI=true} when it is the local cluster but its components cannot be
   * restarted (not root, script missing).
   */
  public static LocalClusterControl require() {
    RealCluster.client();
    Path used = RealCluster.kubeconfigPath().orElseThrow();
    String local = Files.isReadable(LOCAL_KUBECONFIG) ? server(LOCAL_KUBECONFIG) : "none running";
    if (!server(used).equals(local)) {
      Assumptions.abort(
          "fault tests stop and restart components of the project's local cluster"
              + " (hack/local-cluster, "
              + local
              + "); these ITs run against "
              + server(used)
              + " from "
              + used);
    }
    String problem = null;
    if (!"root".equals(System.getProperty("user.name"))) {
      problem = "the local cluster's processes belong to root; run the tests as root";
    } else if (!Files.isExecutable(SCRIPT)) {
      problem = SCRIPT + " is missing";
    }
    if (problem != null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(
            problem + " (CI=true: fault tests on the local cluster may not be skipped)");
      }
      Assumptions.abort(problem);
    }
    return new LocalClusterControl();
  }

  /** Stops a component (SIGTERM, or SIGKILL like a crash) and waits until its process is gone. */
  public void stop(String component, boolean kill) {
    run(kill ? List.of("stop", component, "--kill") : List.of("stop", component));
  }

  /** Starts a stopped component with its recorded command line; waits until it is healthy. */
  public void start(String component) {
    run(List.of("start", component));
  }

  /** Stop then start. */
  public void restart(String component, boolean kill) {
    run(kill ? List.of("restart", component, "--kill") : List.of("restart", component));
  }

  /** Starts every component that is not running (and waits until each is healthy). */
  public void ensureAllRunning() {
    run(List.of("ensure"));
  }

  /** True when the component's recorded process runs. */
  public boolean isRunning(String component) {
    return exec(List.of("status", component)).exitCode() == 0;
  }

  /** True when the component answers its own health check (component.sh healthy). */
  public boolean isHealthy(String component) {
    return exec(List.of("healthy", component)).exitCode() == 0;
  }

  /** True while component.sh stop holds the component down (the supervisor leaves it stopped). */
  public boolean isHeld(String component) {
    return Files.exists(PIDS.resolve(component + ".held"));
  }

  /** The pid recorded for the component, if it has one. */
  public OptionalLong pid(String component) {
    try {
      return OptionalLong.of(Long.parseLong(Files.readString(PIDS.resolve(component)).trim()));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** How often the supervisor has started the component again (0 before the first time). */
  public int restarts(String component) {
    return supervised(component, "restarts").map(Integer::parseInt).orElse(0);
  }

  /**
   * What the supervisor recorded for the component in .cluster/pids/NAME.supervise: restarts,
   * last_restart, last_exit (ISO-8601 UTC) or last_reason.
   */
  public Optional<String> supervised(String component, String key) {
    Path file = PIDS.resolve(component + ".supervise");
    try {
      return Files.readAllLines(file).stream()
          .filter(l -> l.startsWith(key + "="))
          .map(l -> l.substring(key.length() + 1))
          .findFirst();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  private void run(List<String> args) {
    Result r = exec(args);
    if (r.exitCode() != 0) {
      throw new IllegalStateException(
          "component.sh " + String.join(" ", args) + " failed (" + r.exitCode() + "):\n" + r.out);
    }
  }

  private Result exec(List<String> args) {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(args);
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("component.sh " + args + " took over " + TIMEOUT_SECONDS);
      }
      return new Result(
          p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + SCRIPT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + SCRIPT, e);
    }
  }

  private static String server(Path kubeconfig) {
    try {
      return Config.fromKubeconfig(Files.readString(kubeconfig)).getMasterUrl();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + kubeconfig, e);
    }
  }

  private record Result(int exitCode, String out) {}
}
