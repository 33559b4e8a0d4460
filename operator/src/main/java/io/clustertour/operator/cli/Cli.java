package io.clustertour.operator.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The jar's command line: {@code run} (also without a command), {@code report} and {@code list},
 * each with --help and --version. Exit codes: 0 done, 2 tour not completed, 1 not found or API
 * error, 64 bad arguments (EX_USAGE of sysexits.h).
 */
@Command(
    name = "cluster-tour-operator",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    exitCodeOnInvalidInput = Cli.USAGE,
    description = {
      "The ClusterTour operator, and a terminal view of its tours.",
      "Without a command it runs the operator (the same as `run`)."
    },
    commandListHeading = "%nCommands:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      " 0:done (report: the tour completed)",
      " 2:report: the tour has not completed",
      " 1:not found, or the API server could not be asked",
      "64:bad arguments"
    })
public final class Cli implements Callable<Integer> {
  public static final int COMPLETED = 0;
  public static final int FAILED = 1;
  public static final int NOT_COMPLETED = 2;
  public static final int USAGE = 64;

  /** What the help calls the command, when it is not the jar's own name (kubectl tour). */
  static final String NAME_VARIABLE = "CLUSTERTOUR_COMMAND";

  /** The operator itself: runs until the JVM is asked to stop. */
  public interface Operator {
    void run() throws InterruptedException;
  }

  private final Context context;

  private Cli(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    context.operator().run();
    return COMPLETED;
  }

  /** Runs the command line of the jar; returns the exit code. */
  public static int run(String[] args, Operator operator) {
    Context context =
        new Context(
            System.getenv(),
            KubeOptions::connect,
            operator,
            Clock.systemUTC(),
            // a terminal view: library warnings would interleave with its tables
            () -> Configurator.setAllLevels("", Level.ERROR));
    return commandLine(context, utf8(System.out), utf8(System.err)).execute(args);
  }

  static CommandLine commandLine(Context context, PrintWriter out, PrintWriter err) {
    CommandLine cli =
        new CommandLine(new Cli(context))
            .addSubcommand(new RunCommand(context))
            .addSubcommand(new ReportCommand(context))
            .addSubcommand(new ListCommand(context));
    // after the subcommands: these settings reach only the commands added so far
    // the kubectl plugin runs the jar: its help then shows what the user typed
    cli.setCommandName(context.env().getOrDefault(NAME_VARIABLE, "cluster-tour-operator"));
    cli.setOut(out);
    cli.setErr(err);
    cli.setUsageHelpWidth(Math.min(120, WidthOption.terminal(context.env())));
    cli.setParameterExceptionHandler(Cli::badArguments);
    cli.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          if (e instanceof KubernetesClientException k) {
            command.getErr().println(command.getCommandName() + ": " + TourApi.message(k));
            return FAILED;
          }
          throw e;
        });
    return cli;
  }

  /** The value if it is one of the allowed, else the usage error that says which are. */
  static String oneOf(CommandSpec spec, String option, String value, List<String> allowed) {
    if (!allowed.contains(value)) {
      throw new ParameterException(
          spec.commandLine(),
          option + " must be one of " + String.join(", ", allowed) + " (was " + value + ")");
    }
    return value;
  }

  /** What was wrong, a suggestion if a name was mistyped, then how the command is used. */
  private static int badArguments(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println(e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println();
    command.usage(err);
    return USAGE;
  }

  /** Tours hold Korean text: UTF-8 whatever the platform's default charset. */
  private static PrintWriter utf8(PrintStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }
}
