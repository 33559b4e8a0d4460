package io.clustertour.operator.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real tools that check the evidence configurations for other clusters: kubeadm and
 * evidence-check ({@code hack/local-cluster/build.sh config-tools}, which {@code make test} runs
 * first) beside the pinned kube-apiserver and kubelet. Without them the tests are skipped, except
 * under {@code CI=true}, where they fail.
 */
public final class ConfigTools {
  private static final Path BUILD = Path.of("../hack/local-cluster/build.sh");

  /** What a command printed (stdout and stderr together) and how it ended. */
  public record Result(int exit, String output) {
    /** This result, failing the test unless the command succeeded. */
    public Result ok() {
      Assertions.assertEquals(0, exit, () -> "command failed:\n" + output);
      return this;
    }
  }

  private final Path bin;
  private final Path evidenceCheck;

  private ConfigTools(Path bin, Path evidenceCheck) {
    this.bin = bin;
    this.evidenceCheck = evidenceCheck;
  }

  /** The tools of this checkout's pinned versions; skips (fails under CI) when not built. */
  public static ConfigTools require() {
    Result where = run(List.of("bash", BUILD.toString(), "where"), Map.of(), Path.of("."));
    List<String> lines = where.output().lines().toList();
    if (where.exit() != 0 || lines.size() < 2) {
      unavailable("hack/local-cluster/build.sh where failed: " + where.output());
    }
    Path bin = Path.of(lines.get(lines.size() - 1));
    Path check = Path.of(lines.get(lines.size() - 2));
    for (Path tool :
        List.of(
            bin.resolve("kubeadm"), check, bin.resolve("kube-apiserver"), bin.resolve("kubelet"))) {
      if (!Files.isExecutable(tool)) {
        unavailable(tool + " is not built: run hack/local-cluster/build.sh config-tools");
      }
    }
    return new ConfigTools(bin, check);
  }

  private static void unavailable(String why) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(why + " (CI=true: the configuration checks may not be skipped)");
    }
    Assumptions.abort(why);
  }

  public Result kubeadm(Map<String, String> env, String... args) {
    return run(command(bin.resolve("kubeadm"), args), env, Path.of("."));
  }

  public Result evidenceCheck(String... args) {
    return run(command(evidenceCheck, args), Map.of(), Path.of("."));
  }

  /** {@code --help} of a pinned component (kube-apiserver, kubelet): the flags it knows. */
  public String help(String component) {
    return run(List.of(bin.resolve(component).toString(), "--help"), Map.of(), Path.of("."))
        .output();
  }

  private static List<String> command(Path tool, String... args) {
    List<String> cmd = new ArrayList<>(List.of(tool.toString()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** hack/evidence-config.sh TARGET --out OUT MORE...: the configuration for another cluster. */
  public static Path generate(String target, Path out, String... more) {
    List<String> cmd =
        new ArrayList<>(
            List.of("bash", "../hack/evidence-config.sh", target, "--out", out.toString()));
    cmd.addAll(List.of(more));
    run(cmd, Map.of(), Path.of(".")).ok();
    return out;
  }

  /**
   * A copy of OUT's webhook kubeconfig at {@code copy} whose paths, written as the API server sees
   * them in {@code inNode}, point at the files in OUT/node on this host.
   */
  public static Path webhookOnThisHost(Path out, String inNode, Path copy) {
    try {
      Files.writeString(
          copy,
          Files.readString(out.resolve("node/audit-webhook.kubeconfig"))
              .replace(inNode + "/", out.resolve("node") + "/"));
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a command to its end (at most two minutes), output captured. */
  public static Result run(List<String> cmd, Map<String, String> env, Path dir) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
      pb.environment().putAll(env);
      Process p = pb.start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return new Result(-1, "timed out: " + cmd);
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
