package io.clustertour.operator.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which cluster: the kubectl flags --kubeconfig and --context, with kubectl's defaults. */
final class KubeOptions {
  @Option(
      names = "--kubeconfig",
      paramLabel = "PATH",
      description =
          "kubeconfig file (default: KUBECONFIG, then ~/.kube/config; in a pod: its"
              + " service account)")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "context of the kubeconfig to use (default: its current-context)")
  String context;

  /** Without --kubeconfig the client's own discovery applies, as kubectl's does. */
  static KubernetesClient connect(KubeOptions options) {
    Config config =
        options.kubeconfig == null
            ? Config.autoConfigure(options.context)
            : Config.fromKubeconfig(options.context, options.kubeconfig.toFile());
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
