package io.clustertour.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorRuntimeSettingsTest {

  @Test
  void defaultsRunOneInstanceOnPort8080() {
    OperatorRuntime.Settings s = OperatorRuntime.Settings.fromEnv(Map.of());

    assertEquals(8080, s.httpPort());
    assertFalse(s.leaderElection());
    assertNull(s.leaseNamespace());
    assertEquals("local", s.instance());
  }

  @Test
  void helmEnvironmentTurnsOnLeaderElectionInThePodsNamespace() {
    OperatorRuntime.Settings s =
        OperatorRuntime.Settings.fromEnv(
            Map.of(
                "LEADER_ELECTION", "true",
                "POD_NAMESPACE", "clustertour-system",
                "POD_NAME", "operator-7d9f-abcde",
                "HOSTNAME", "ignored"));

    assertTrue(s.leaderElection());
    assertEquals("clustertour-system", s.leaseNamespace());
    assertEquals("operator-7d9f-abcde", s.instance());
  }
}
