package io.clustertour.operator.cli;

import io.clustertour.operator.report.TourReport;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The line width of text output: --width, else the terminal's COLUMNS, else 100; at least 60. */
final class WidthOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  private Integer width;

  @Option(
      names = "--width",
      paramLabel = "N",
      description = "line width of the text output (default: COLUMNS, else 100; at least 60)")
  void width(int n) {
    if (n < TourReport.MIN_WIDTH) {
      throw new ParameterException(
          command.commandLine(),
          "--width must be at least " + TourReport.MIN_WIDTH + " (was " + n + ")");
    }
    width = n;
  }

  int resolve(Map<String, String> env) {
    return width != null ? width : terminal(env);
  }

  /** A narrow terminal's COLUMNS still gets the minimum width: lines wrap there, never cut. */
  static int terminal(Map<String, String> env) {
    try {
      int columns = Integer.parseInt(env.getOrDefault("COLUMNS", "").strip());
      if (columns > 0) {
        return Math.max(TourReport.MIN_WIDTH, columns);
      }
    } catch (NumberFormatException e) {
      // not a number: the shell's COLUMNS is a hint only
    }
    return TourReport.DEFAULT_WIDTH;
  }
}
