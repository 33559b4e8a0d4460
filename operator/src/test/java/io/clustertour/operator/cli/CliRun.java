package io.clustertour.operator.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One run of the command line in a test: its exit code, what it printed, whether it ran the
 * operator.
 */
final class CliRun {
  static final Instant NOW = Instant.parse("2026-12-02T02:00:00Z");

  final int code;
  final String out;
  final String err;
  final int operatorRuns;

  private CliRun(int code, String out, String err, int operatorRuns) {
    this.code = code;
    this.out = out;
    this.err = err;
    this.operatorRuns = operatorRuns;
  }

  /** Runs args against the clients the supplier makes, with the given environment. */
  static CliRun of(Supplier<KubernetesClient> clients, Map<String, String> env, String... args) {
    return of(clients, env, NOW, args);
  }

  /** The same at another moment, for ages. */
  static CliRun of(
      Supplier<KubernetesClient> clients, Map<String, String> env, Instant now, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger operatorRuns = new AtomicInteger();
    Context context =
        new Context(
            env,
            options -> clients.get(),
            operatorRuns::incrementAndGet,
            Clock.fixed(now, ZoneOffset.UTC),
            () -> {});
    int code =
        Cli.commandLine(context, new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args);
    return new CliRun(code, out.toString(), err.toString(), operatorRuns.get());
  }

  static CliRun offline(String... args) {
    return of(
        () -> {
          throw new AssertionError("no cluster is asked for " + String.join(" ", args));
        },
        Map.of(),
        args);
  }

  @Override
  public String toString() {
    return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
  }
}
