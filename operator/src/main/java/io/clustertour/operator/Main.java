package io.clustertour.operator;

import io.clustertour.operator.act.TourOwnership;
import io.clustertour.operator.report.ReportCommand;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.slf4j.LoggerFactory;

/** Entry point of the operator jar: {@code run} (default) or {@code report <tour>}. */
public final class Main {
  static final String USAGE = "usage: [run] | report <tour-name> [options]";

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    String command = args.length == 0 ? "run" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (command) {
      case "run" -> run();
      case "report" -> {
        // The report is for a terminal: library warnings would interleave with its tables.
        Configurator.setAllLevels("", Level.ERROR);
        System.exit(ReportCommand.run(rest));
      }
      default -> {
        System.err.println(USAGE);
        System.exit(ReportCommand.USAGE);
      }
    }
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
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
