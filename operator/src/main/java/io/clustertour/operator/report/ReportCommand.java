package io.clustertour.operator.report;

import io.clustertour.operator.api.ClusterTour;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.File;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/** The jar's {@code report} command: prints a tour's timeline and verdicts, optionally waiting. */
public final class ReportCommand {
  public static final int COMPLETED = 0;
  public static final int FAILED = 1;
  public static final int NOT_COMPLETED = 2;
  public static final int USAGE = 64;

  static final String USAGE_TEXT =
      "usage: report <tour-name> [--kubeconfig path] [--wait-seconds N]\n"
          + "  exit 0: tour completed; 2: not completed (after waiting N seconds, if asked);\n"
          + "  1: tour not found or API error; 64: bad arguments";

  private ReportCommand() {}

  /** Runs the command with the arguments after "report"; returns the process exit code. */
  public static int run(String[] args) {
    return run(args, System.out, System.err);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE_TEXT);
      return USAGE;
    }
    try (KubernetesClient client = client(options.kubeconfig())) {
      return run(options, client, out, err);
    } catch (KubernetesClientException e) {
      err.println("report: " + e.getMessage());
      return FAILED;
    }
  }

  /** Without --kubeconfig the client's own discovery applies: KUBECONFIG, then ~/.kube/config. */
  private static KubernetesClient client(String kubeconfig) {
    KubernetesClientBuilder builder = new KubernetesClientBuilder();
    if (kubeconfig != null) {
      builder.withConfig(Config.fromKubeconfig(new File(kubeconfig)));
    }
    return builder.build();
  }

  static int run(Options options, KubernetesClient client, PrintStream out, PrintStream err) {
    Resource<ClusterTour> resource =
        client.resources(ClusterTour.class).withName(options.tourName());
    ClusterTour tour = resource.get();
    if (tour == null) {
      err.println("report: ClusterTour " + options.tourName() + " not found");
      return FAILED;
    }
    if (!completed(tour) && options.waitSeconds() > 0) {
      try {
        // The client's watch-based wait: no polling; returns null if the tour is deleted.
        tour =
            resource.waitUntilCondition(
                t -> t == null || completed(t), options.waitSeconds(), TimeUnit.SECONDS);
      } catch (KubernetesClientTimeoutException e) {
        tour = resource.get();
        err.println(
            "report: ClusterTour "
                + options.tourName()
                + " did not complete within "
                + options.waitSeconds()
                + " s");
      }
      if (tour == null) {
        err.println("report: ClusterTour " + options.tourName() + " was deleted");
        return FAILED;
      }
    }
    out.print(TourReport.render(tour));
    out.flush();
    return completed(tour) ? COMPLETED : NOT_COMPLETED;
  }

  static boolean completed(ClusterTour tour) {
    if (tour.getStatus() == null || tour.getStatus().conditions == null) {
      return false;
    }
    for (Condition c : tour.getStatus().conditions) {
      if ("Completed".equals(c.getType()) && "True".equals(c.getStatus())) {
        return true;
      }
    }
    return false;
  }

  /** Parsed command line. */
  record Options(String tourName, String kubeconfig, long waitSeconds) {
    static Options parse(String[] args) {
      String name = null;
      String kubeconfig = null;
      long wait = 0;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--kubeconfig" -> kubeconfig = value(args, ++i, a);
          case "--wait-seconds" -> wait = seconds(value(args, ++i, a));
          default -> {
            if (a.startsWith("--kubeconfig=")) {
              kubeconfig = a.substring("--kubeconfig=".length());
            } else if (a.startsWith("--wait-seconds=")) {
              wait = seconds(a.substring("--wait-seconds=".length()));
            } else if (a.startsWith("-") || name != null) {
              throw new IllegalArgumentException("report: unexpected argument " + a);
            } else {
              name = a;
            }
          }
        }
      }
      if (name == null) {
        throw new IllegalArgumentException("report: missing <tour-name>");
      }
      return new Options(name, kubeconfig, wait);
    }

    private static String value(String[] args, int i, String flag) {
      if (i >= args.length) {
        throw new IllegalArgumentException("report: " + flag + " needs a value");
      }
      return args[i];
    }

    private static long seconds(String s) {
      try {
        long n = Long.parseLong(s);
        if (n < 0) {
          throw new NumberFormatException();
        }
        return n;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("report: --wait-seconds needs a whole number >= 0");
      }
    }
  }
}
