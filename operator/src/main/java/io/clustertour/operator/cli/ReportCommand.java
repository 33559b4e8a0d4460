package io.clustertour.operator.cli;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.report.TourDocument;
import io.clustertour.operator.report.TourReport;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code report NAME}: a tour's timeline and verdicts in full, or the tour as JSON or YAML. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    exitCodeOnInvalidInput = Cli.USAGE,
    description = {
      "Print a ClusterTour: per stop its timeline and its verdicts against the documented flow,"
          + " every claim and piece of evidence in full, wrapped to the line width; or, with -o"
          + " json|yaml, the whole object as the API server serves it."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      " 0:the tour completed (its Completed condition is True)",
      " 2:the tour has not completed (after waiting --wait-seconds, if given)",
      " 1:the tour was not found, or the API server could not be asked",
      "64:bad arguments"
    })
final class ReportCommand extends TourCommand {
  static final List<String> FORMATS = List.of("text", "json", "yaml");

  @Parameters(index = "0", paramLabel = "NAME", description = "the ClusterTour's name")
  String name;

  String output = "text";

  long waitSeconds;

  ReportCommand(Context context) {
    super(context);
  }

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "text (default), json or yaml")
  void output(String format) {
    output = Cli.oneOf(spec, "-o", format, FORMATS);
  }

  @Option(
      names = "--wait-seconds",
      paramLabel = "N",
      description = "wait up to N seconds for the tour to complete, then print it (default 0)")
  void waitSeconds(long seconds) {
    if (seconds < 0) {
      throw new ParameterException(
          spec.commandLine(), "--wait-seconds needs a whole number >= 0 (was " + seconds + ")");
    }
    waitSeconds = seconds;
  }

  @Override
  int run(KubernetesClient client, PrintWriter out, PrintWriter err) {
    Resource<GenericKubernetesResource> resource = TourApi.tours(client).withName(name);
    GenericKubernetesResource served = resource.get();
    if (served == null) {
      err.println("report: ClusterTour " + name + " not found");
      return Cli.FAILED;
    }
    if (!TourApi.completed(TourApi.typed(client, served)) && waitSeconds > 0) {
      try {
        // the client's watch-based wait, no polling; null if the tour is deleted meanwhile
        served =
            resource.waitUntilCondition(
                t -> t == null || TourApi.completed(TourApi.typed(client, t)),
                waitSeconds,
                TimeUnit.SECONDS);
      } catch (KubernetesClientTimeoutException e) {
        served = resource.get();
        err.println(
            "report: ClusterTour " + name + " did not complete within " + waitSeconds + " s");
      }
      if (served == null) {
        err.println("report: ClusterTour " + name + " was deleted");
        return Cli.FAILED;
      }
    }
    ClusterTour tour = TourApi.typed(client, served);
    out.print(
        switch (output) {
          case "json" -> TourDocument.json(TourDocument.served(served));
          case "yaml" -> TourDocument.yaml(TourDocument.served(served));
          default -> TourReport.render(tour, width());
        });
    return TourApi.completed(tour) ? Cli.COMPLETED : Cli.NOT_COMPLETED;
  }
}
