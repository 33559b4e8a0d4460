package io.clustertour.operator.cli;

import io.clustertour.operator.report.TourDocument;
import io.clustertour.operator.report.TourList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code list}: every tour with its state, stops done, verdict counts and age. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    exitCodeOnInvalidInput = Cli.USAGE,
    description = {
      "List the ClusterTours like kubectl get ct: NAME STATE STOPS VERDICTS AGE; -o wide adds"
          + " the stop running now and the evidence level, -o json|yaml prints them as a List."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      " 0:listed (also when there is no tour)",
      " 1:the API server could not be asked",
      "64:bad arguments"
    })
final class ListCommand extends TourCommand {
  static final List<String> FORMATS = List.of("text", "wide", "json", "yaml");

  String output = "text";

  ListCommand(Context context) {
    super(context);
  }

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "text (default), wide, json or yaml")
  void output(String format) {
    output = Cli.oneOf(spec, "-o", format, FORMATS);
  }

  @Override
  int run(KubernetesClient client, PrintWriter out, PrintWriter err) {
    List<GenericKubernetesResource> tours =
        TourApi.tours(client).list().getItems().stream()
            .sorted(Comparator.comparing(t -> t.getMetadata().getName()))
            .toList();
    switch (output) {
      case "json" -> out.print(TourDocument.json(TourDocument.list(tours)));
      case "yaml" -> out.print(TourDocument.yaml(TourDocument.list(tours)));
      default -> {
        if (tours.isEmpty()) {
          // as kubectl: nothing on stdout, so scripts reading it see no rows
          err.println("No ClusterTours found.");
        } else {
          out.print(
              TourList.render(
                  tours.stream().map(t -> TourApi.typed(client, t)).toList(),
                  "wide".equals(output),
                  context.clock().instant(),
                  width()));
        }
      }
    }
    return Cli.COMPLETED;
  }
}
