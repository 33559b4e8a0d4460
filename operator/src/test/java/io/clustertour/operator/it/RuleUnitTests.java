package io.clustertour.operator.it;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code promtool test rules} file for the shipped alerts: for each alert, its series steady for
 * five minutes (every alert silent), then rising (that alert firing, the others still silent).
 * Annotations are prose, so the rules under test are the rendered ones without them.
 */
final class RuleUnitTests {
  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  /** alert name -> the series that drives it and its values after the steady five minutes. */
  private static final Map<String, String[]> CONDITIONS = new LinkedHashMap<>();

  static {
    CONDITIONS.put("ClusterTourStopOverdue", new String[] {"clustertour_stops_overdue", "1x10"});
    CONDITIONS.put(
        "ClusterTourObservationsDropped",
        new String[] {"clustertour_observations_dropped_total", "5+5x10"});
    CONDITIONS.put(
        "ClusterTourEvidenceRejected",
        new String[] {"clustertour_evidence_rejected_total", "1+1x10"});
    CONDITIONS.put(
        "ClusterTourWatchHandlerErrors",
        new String[] {"clustertour_watch_handler_errors_total", "1+1x10"});
    CONDITIONS.put(
        "ClusterTourReconcileErrors",
        new String[] {"operator_sdk_reconciliations_failed_total", "2+2x10"});
  }

  private RuleUnitTests() {}

  /** Writes the rules without annotations beside {@code rules} and returns the test file's YAML. */
  @SuppressWarnings("unchecked")
  static String yaml(Path rules, String job, String namespace) throws IOException {
    Map<String, Object> parsed = YAML.unmarshal(Files.readString(rules), Map.class);
    for (Map<String, Object> group : (List<Map<String, Object>>) parsed.get("groups")) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        rule.remove("annotations");
      }
    }
    Path bare = rules.resolveSibling("rules-without-annotations.yml");
    Files.writeString(bare, YAML.asYaml(parsed));

    String labels = "{job=\"" + job + "\",namespace=\"" + namespace + "\"}";
    List<Object> tests = new ArrayList<>();
    for (Map.Entry<String, String[]> firing : CONDITIONS.entrySet()) {
      List<Object> series = new ArrayList<>();
      List<Object> checks = new ArrayList<>();
      for (Map.Entry<String, String[]> c : CONDITIONS.entrySet()) {
        boolean rising = c.getKey().equals(firing.getKey());
        series.add(
            Map.of(
                "series",
                c.getValue()[0] + labels,
                "values",
                rising ? "0x5 " + c.getValue()[1] : "0x15"));
        checks.add(Map.of("eval_time", "5m", "alertname", c.getKey(), "exp_alerts", List.of()));
        checks.add(
            Map.of(
                "eval_time",
                "9m",
                "alertname",
                c.getKey(),
                "exp_alerts",
                rising
                    ? List.of(
                        Map.of(
                            "exp_labels",
                            Map.of("job", job, "namespace", namespace, "severity", "warning")))
                    : List.of()));
      }
      tests.add(Map.of("interval", "1m", "input_series", series, "alert_rule_test", checks));
    }
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("rule_files", List.of(bare.toString()));
    file.put("evaluation_interval", "1m");
    file.put("tests", tests);
    return YAML.asYaml(file);
  }
}
