package io.clustertour.operator.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command as a user's shell would, with extra environment, and keeps what it printed. */
public final class Shell {
  private static final long TIMEOUT_SECONDS = 180;

  /** Exit code, standard output and standard error of one finished command. */
  public record Result(List<String> command, int code, String out, String err) {
    @Override
    public String toString() {
      return String.join(" ", command) + ": exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  private Shell() {}

  public static Result run(Map<String, String> env, String... command) {
    try {
      Path err = Files.createTempFile("shell", ".err");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        Process p = builder.start();
        // stderr goes to a file, so reading stdout to its end cannot block on a full pipe
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException(String.join(" ", command) + " did not end");
        }
        return new Result(List.of(command), p.exitValue(), out, Files.readString(err));
      } finally {
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
    }
  }
}
