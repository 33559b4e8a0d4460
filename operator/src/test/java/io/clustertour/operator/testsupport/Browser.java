package io.clustertour.operator.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/**
 * Debian's Chromium driven by playwright-core (hack/browser/tour-page.mjs) against the operator's
 * pages, as a learner opens them. Under {@code CI=true} a missing browser fails the test.
 */
public final class Browser {
  private static final Path INSTALL = Path.of("../hack/browser/install.sh");
  private static final Path SCRIPT = Path.of("../hack/browser/tour-page.mjs");

  private Browser() {}

  /** What the page check printed: one summary per page, and its log. */
  public record Result(int exit, JsonNode pages, String log) {}

  /**
   * Checks the pages in one browser; with {@code live} the first page must update itself while its
   * tour runs. Screenshots go to {@code out}.
   */
  public static Result check(List<String> urls, Path out, boolean live) {
    String chromium = install();
    List<String> command = new ArrayList<>(List.of("node", SCRIPT.toString()));
    command.addAll(List.of("--url", String.join(",", urls), "--out", out.toString()));
    if (live) {
      command.add("--live");
    }
    try {
      Files.createDirectories(out);
      Path log = out.resolve("browser.log");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectError(log.toFile())
              .redirectOutput(ProcessBuilder.Redirect.PIPE);
      builder.environment().put("CHROMIUM", chromium);
      Process p = builder.start();
      String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(6, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        Assertions.fail("the browser check did not end within 6 minutes");
      }
      String lastLine = stdout.lines().reduce((a, b) -> b).orElse("[]");
      return new Result(
          p.exitValue(), new ObjectMapper().readTree(lastLine), Files.readString(log));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run the browser check: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Installs (once) Chromium and playwright-core; returns the browser's path. */
  private static synchronized String install() {
    try {
      Process p =
          new ProcessBuilder("bash", INSTALL.toString())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .redirectOutput(ProcessBuilder.Redirect.PIPE)
              .start();
      String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor() == 0 && !stdout.isEmpty()) {
        return stdout.lines().reduce((a, b) -> b).orElseThrow();
      }
      unavailable("hack/browser/install.sh failed (exit " + p.exitValue() + ")");
    } catch (IOException e) {
      unavailable("cannot run hack/browser/install.sh: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      unavailable("interrupted while installing the browser");
    }
    throw new IllegalStateException("unreachable");
  }

  private static void unavailable(String why) {
    Required.unavailable(why, "the browser tests");
  }
}
