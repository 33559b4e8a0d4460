package io.clustertour.operator.diagram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clustertour.operator.api.StopStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The stops of the tour recorded on the local cluster (see GoldenTourTest), for diagram tests. */
public final class RecordedStops {
  private RecordedStops() {}

  public static List<StopStatus> all() {
    ObjectMapper json =
        new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try (InputStream in = RecordedStops.class.getResourceAsStream("/golden/unseen-mix.json")) {
      return List.of(json.readValue(in, StopStatus[].class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static StopStatus named(String name) {
    return all().stream().filter(s -> name.equals(s.name)).findFirst().orElseThrow();
  }
}
