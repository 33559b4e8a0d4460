package io.clustertour.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class StatusJsonTest {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  @Test
  void storedStatusesReadAndWriteTheSameStrings() throws Exception {
    JsonNode stored;
    try (InputStream in = getClass().getResourceAsStream("/golden/unseen-mix.json")) {
      stored = new ObjectMapper().readTree(in);
    }
    StopStatus[] stops = JSON.convertValue(stored, StopStatus[].class);
    JsonNode written = new ObjectMapper().readTree(JSON.asJson(stops));
    for (int i = 0; i < stops.length; i++) {
      JsonNode before = stored.get(i);
      JsonNode after = written.get(i);
      assertThat(stops[i].state).isNotNull();
      assertThat(after.get("state")).isEqualTo(before.get("state"));
      assertThat(after.get("type")).isEqualTo(before.get("type"));
      for (int j = 0; j < before.get("flow").size(); j++) {
        assertThat(stops[i].flow.get(j).verdict).isNotNull();
        assertThat(after.get("flow").get(j).get("verdict"))
            .isEqualTo(before.get("flow").get(j).get("verdict"));
      }
    }
  }

  @Test
  void aValueFromAnotherVersionDoesNotMakeTheTourUnreadable() {
    StopStatus s =
        JSON.unmarshal(
            "{\"name\":\"a\",\"type\":\"Job\",\"state\":\"Settling\","
                + "\"flow\":[{\"step\":\"x\",\"verdict\":\"Plausible\"}]}",
            StopStatus.class);
    assertThat(s.state).as("an unknown state starts the stop over").isEqualTo(StopState.Pending);
    assertThat(s.flow.get(0).verdict).isNull();
    ClusterTourStatus t = JSON.unmarshal("{\"state\":\"Paused\"}", ClusterTourStatus.class);
    assertThat(t.state).isNull();
  }
}
