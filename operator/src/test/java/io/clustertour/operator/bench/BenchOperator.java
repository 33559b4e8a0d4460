package io.clustertour.operator.bench;

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

/**
 * The operator jar in its own JVM (as OperatorProcess runs it, but with the benchmark's
 * ServiceAccount kubeconfig), with what the benchmark reads from outside: start-to-ready time, and
 * resident memory and CPU time from /proc.
 */
final class BenchOperator implements AutoCloseable {
  static final String HEAP = "-Xmx256m";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final long TICKS_PER_SECOND = 100;

  private final Process process;
  private final int port;
  final long startToReadyMs;

  private BenchOperator(Process process, int port, long startToReadyMs) {
    this.process = process;
    this.port = port;
    this.startToReadyMs = startToReadyMs;
  }

  /** Starts the jar and waits (at most two minutes) until /readyz answers 200. */
  static BenchOperator start(Path jar, Path kubeconfig, Path log) throws IOException {
    return start(jar, kubeconfig, log, java.util.Map.of());
  }

  /** As {@link #start(Path, Path, Path)}, with more environment (the evidence receivers'). */
  static BenchOperator start(Path jar, Path kubeconfig, Path log, java.util.Map<String, String> env)
      throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(List.of(java, HEAP, "-jar", jar.toString(), "run"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("KUBECONFIG", kubeconfig.toAbsolutePath().toString());
    builder.environment().put("HTTP_PORT", Integer.toString(port));
    builder.environment().putAll(env);
    long t0 = System.nanoTime();
    Process process = builder.start();
    HttpRequest readyz = HttpRequest.newBuilder(URI.create(url(port, "/readyz"))).build();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("operator exited at start, see " + log);
      }
      try {
        if (HTTP.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          break;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (System.nanoTime() - t0 > Duration.ofMinutes(2).toNanos()) {
        process.destroyForcibly();
        throw new IllegalStateException("operator not ready after 2 minutes, see " + log);
      }
      sleep(50);
    }
    return new BenchOperator(process, port, (System.nanoTime() - t0) / 1_000_000);
  }

  /** Resident set size in MiB (VmRSS). */
  double rssMiB() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    throw new IllegalStateException("no VmRSS for " + process.pid());
  }

  /** User + system CPU seconds the JVM used so far. */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // after "pid (comm) ": field 3 is state, so utime (14) and stime (15) are at 11 and 12
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) TICKS_PER_SECOND;
  }

  /**
   * Heap in use after a full GC (jcmd GC.run, then the JVM's own jvm_memory_used_bytes), MiB: what
   * the operator retains, without the garbage a sample would otherwise catch at random.
   */
  double heapAfterGcMiB() throws IOException, InterruptedException {
    String jcmd =
        Path.of(ProcessHandle.current().info().command().orElse("java"))
            .resolveSibling("jcmd")
            .toString();
    Process gc =
        new ProcessBuilder(jcmd, Long.toString(process.pid()), "GC.run")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    gc.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
    return heapMiB();
  }

  /** Heap in use now (all heap pools), MiB, from the operator's /metrics. */
  double heapMiB() throws IOException, InterruptedException {
    double bytes =
        PromText.sum(
            PromText.parse(get("/metrics")),
            "jvm_memory_used_bytes",
            s -> "heap".equals(s.label("area")));
    return bytes / 1024 / 1024;
  }

  long pid() {
    return process.pid();
  }

  /** The text of one of the operator's HTTP endpoints. */
  String get(String path) throws IOException, InterruptedException {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url(port, path))).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String url(int port, String path) {
    return "http://127.0.0.1:" + port + path;
  }
}
