package io.clustertour.operator.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code run}: the operator itself, what the container image starts. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    exitCodeOnInvalidInput = Cli.USAGE,
    description = {
      "Run the operator until it is stopped (also what the jar does without a command):"
          + " reconcile ClusterTours on the cluster of KUBECONFIG (else the kubeconfig in the"
          + " home directory, or the pod's service account), and serve the web view, /metrics and the probes on HTTP_PORT"
          + " (default 8080)."
    })
final class RunCommand implements Callable<Integer> {
  private final Context context;

  RunCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    context.operator().run();
    return Cli.COMPLETED;
  }
}
