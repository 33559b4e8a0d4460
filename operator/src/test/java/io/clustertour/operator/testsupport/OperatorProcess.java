package io.clustertour.operator.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operator as users run it: the shaded jar in its own JVM, so tests can kill it like a crash.
 */
public final class OperatorProcess implements AutoCloseable {
  private static final Path JAR = Path.of("target/cluster-tour-operator.jar");
  private static final AtomicInteger RUNS = new AtomicInteger();
  private final Process process;
  private final int port;
  private final Path log;

  private OperatorProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts the operator against the IT cluster and waits until /readyz answers 200. */
  public static OperatorProcess start() {
    return start(true);
  }

  /**
   * Starts the operator; with {@code receivers} false it runs without its evidence receivers, as on
   * a cluster that sends no audit stream or traces.
   */
  public static OperatorProcess start(boolean receivers) {
    Path kubeconfig =
        RealCluster.kubeconfigPath()
            .orElseThrow(() -> new IllegalStateException("operator ITs need a kubeconfig file"));
    try {
      int port = freePort();
      Path log = Path.of("target/operator-it-" + RUNS.incrementAndGet() + ".log");
      String java = ProcessHandle.current().info().command().orElse("java");
      ProcessBuilder builder =
          new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", JAR.toString(), "run"))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().put("KUBECONFIG", kubeconfig.toAbsolutePath().toString());
      builder.environment().put("HTTP_PORT", Integer.toString(port));
      if (receivers) {
        builder.environment().putAll(LocalEvidence.receiverEnv(kubeconfig));
      }
      OperatorProcess operator = new OperatorProcess(builder.start(), port, log);
      operator.awaitReady();
      return operator;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + JAR + " (run `mvn package` first)", e);
    }
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest readyz = HttpRequest.newBuilder(URI.create(url("/readyz"))).build();
    await("operator /readyz")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .failFast("operator exited, see " + log, () -> !process.isAlive())
        .ignoreExceptions()
        .until(() -> http.send(readyz, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Kills the JVM without a chance to clean up, as a crash or an OOM kill would. */
  public void kill() {
    process.destroyForcibly();
    await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() {
    process.destroy();
    await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
