package io.clustertour.operator;

import io.clustertour.operator.act.TourOwnership;
import io.clustertour.operator.cli.Cli;
import io.clustertour.operator.cli.Version;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the operator jar: the command line ({@code run}, the default, {@code report},
 * {@code list}) is {@link Cli}'s; this class runs the operator.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = Cli.run(args, Main::run);
    // also after `run`: the JVM was asked to stop and the operator has shut down
    System.exit(code);
  }

  /** Runs the operator until the JVM is asked to stop. */
  static void run() throws InterruptedException {
    KubernetesClient client = client();
    OperatorRuntime runtime;
    try {
      runtime = OperatorRuntime.start(client, OperatorRuntime.Settings.fromEnv(System.getenv()));
    } catch (RuntimeException e) {
      // informer and client threads would keep a half-started JVM alive: end it, so the pod
      // restarts
      LoggerFactory.getLogger(Main.class).error("The operator could not start", e);
      client.close();
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  runtime.close();
                  client.close();
                  stopped.countDown();
                },
                "clustertour-shutdown"));
    stopped.await();
  }

  /**
   * The usual client discovery (in-cluster, KUBECONFIG, ~/.kube/config), with the operator's name
   * as user agent: the API server derives the field manager of non-apply writes from it.
   */
  static KubernetesClient client() {
    Config config = Config.autoConfigure(null);
    config.setUserAgent(TourOwnership.FIELD_MANAGER + "/" + version());
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static String version() {
    return Version.of();
  }
}
