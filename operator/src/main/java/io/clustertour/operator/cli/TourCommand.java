package io.clustertour.operator.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the commands that read tours share: which cluster, the line width, and that an API error
 * ends them with its message and exit code 1.
 */
abstract class TourCommand implements Callable<Integer> {
  final Context context;

  @Spec CommandSpec spec;

  @Mixin KubeOptions kube;

  @Mixin WidthOption width;

  TourCommand(Context context) {
    this.context = context;
  }

  @Override
  public final Integer call() {
    context.quietLogs().run();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (KubernetesClient client = context.connect().apply(kube)) {
      int code = run(client, out, err);
      out.flush();
      return code;
    } catch (KubernetesClientException e) {
      err.println(spec.name() + ": " + TourApi.message(e));
      return Cli.FAILED;
    }
  }

  /** The command's work; returns its exit code. */
  abstract int run(KubernetesClient client, PrintWriter out, PrintWriter err);

  /** The line width of text output. */
  int width() {
    return width.resolve(context.env());
  }
}
