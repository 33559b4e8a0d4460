package io.clustertour.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {
  @Test
  void withoutArgumentsTheOperatorRuns() {
    CliRun run = CliRun.offline();
    assertThat(run.code).as(run.toString()).isZero();
    assertThat(run.operatorRuns).isEqualTo(1);
    assertThat(CliRun.offline("run").operatorRuns).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "run", "report", "list"})
  void everyCommandHasHelpAndVersion(String command) {
    String[] help = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};
    CliRun run = CliRun.offline(help);
    assertThat(run.code).as(run.toString()).isZero();
    assertThat(run.out).contains("Usage: cluster-tour-operator", "--version", "--help");
    assertThat(run.operatorRuns).isZero();

    String[] version =
        command.isEmpty() ? new String[] {"--version"} : new String[] {command, "-V"};
    CliRun v = CliRun.offline(version);
    assertThat(v.code).isZero();
    // run from classes, not the jar: no manifest version
    assertThat(v.out.strip()).isEqualTo("cluster-tour-operator dev");
  }

  @Test
  void helpListsTheCommandsAndTheExitCodes() {
    String top = CliRun.offline("--help").out;
    assertThat(top).contains("Commands:", "run", "report", "list", "Exit codes:");
    String report = CliRun.offline("report", "--help").out;
    assertThat(report)
        .contains("NAME", "--kubeconfig", "--context", "--wait-seconds", "-o, --output", "--width")
        .contains(" 0", " 2", " 1", "64")
        .contains("the tour has not completed");
  }

  @Test
  void underTheKubectlPluginTheHelpSaysKubectlTour() {
    CliRun run =
        CliRun.of(
            () -> {
              throw new AssertionError("no cluster");
            },
            Map.of(Cli.NAME_VARIABLE, "kubectl tour"),
            "report",
            "--help");
    assertThat(run.out).startsWith("Usage: kubectl tour report ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--bogus",
        "report",
        "report a b",
        "report demo --wait-seconds soon",
        "report demo --wait-seconds -3",
        "report demo -o xml",
        "report demo --width 20",
        "report demo --kubeconfig",
        "list -o yml",
        "list --width 59",
        "teleport"
      })
  void badArgumentsExitSixtyFourWithAMessageAndTheUsage(String args) {
    CliRun run = CliRun.offline(args.split(" "));
    assertThat(run.code).as(run.toString()).isEqualTo(Cli.USAGE);
    assertThat(run.err).contains("Usage: cluster-tour-operator");
    assertThat(run.err.lines().findFirst().orElseThrow()).doesNotStartWith("Usage");
    assertThat(run.operatorRuns).isZero();
  }

  @Test
  void theMessageSaysWhatIsWrong() {
    assertThat(CliRun.offline("report", "demo", "--width", "20").err)
        .startsWith("--width must be at least 60 (was 20)");
    assertThat(CliRun.offline("report", "demo", "-o", "xml").err)
        .startsWith("-o must be one of text, json, yaml (was xml)");
    assertThat(CliRun.offline("report").err).startsWith("Missing required parameter: 'NAME'");
  }
}
