package io.clustertour.operator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.ClusterTourSpec.Language;
import io.clustertour.operator.report.ReportCommand.Options;
import io.clustertour.operator.web.SampleTour;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ReportCommandTest {
  // One mock API server for the class; each test uses its own tour names.
  static KubernetesClient client;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void parsesNameKubeconfigAndWait() {
    assertEquals(
        new Options("demo", "/tmp/kc", 30),
        Options.parse(new String[] {"demo", "--kubeconfig", "/tmp/kc", "--wait-seconds", "30"}));
    assertEquals(
        new Options("demo", null, 5), Options.parse(new String[] {"--wait-seconds=5", "demo"}));
    assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {}));
    assertThrows(
        IllegalArgumentException.class,
        () -> Options.parse(new String[] {"demo", "--wait-seconds", "soon"}));
    assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"a", "b"}));
  }

  @Test
  void badArgumentsExitWithUsage() {
    assertEquals(
        ReportCommand.USAGE, ReportCommand.run(new String[] {"--bogus"}, print(out), print(err)));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: report <tour-name>"));
  }

  @Test
  void completedTourIsPrintedWithExitZero() {
    client.resource(SampleTour.completed("done", Language.en)).create();

    int code = run(new Options("done", null, 0));

    assertEquals(ReportCommand.COMPLETED, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("ClusterTour done · Diverged"));
  }

  @Test
  void unfinishedTourTimesOutWithExitTwoAndStillPrints() {
    ClusterTour running = SampleTour.completed("busy", Language.en);
    running.getStatus().conditions.clear();
    running
        .getStatus()
        .conditions
        .add(new ConditionBuilder().withType("Completed").withStatus("False").build());
    client.resource(running).create();

    int code = run(new Options("busy", null, 1));

    assertEquals(ReportCommand.NOT_COMPLETED, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("did not complete within 1 s"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("[1/1] web"));
  }

  @Test
  void missingTourExitsOne() {
    assertEquals(ReportCommand.FAILED, run(new Options("ghost", null, 0)));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("ClusterTour ghost not found"));
  }

  private int run(Options options) {
    return ReportCommand.run(options, client, print(out), print(err));
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
