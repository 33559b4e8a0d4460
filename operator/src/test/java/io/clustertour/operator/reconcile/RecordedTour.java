package io.clustertour.operator.reconcile;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.ClusterTourStatus;
import io.clustertour.operator.api.StopStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The golden tour unseen-mix as the operator would serve it: the spec that was applied, the stops
 * recorded on the local cluster (hack/golden-tour.sh) and the tour-level status the operator
 * derives from them.
 */
public final class RecordedTour {
  private RecordedTour() {}

  public static ClusterTour unseenMix() {
    ClusterTour tour;
    List<StopStatus> stops;
    try (InputStream spec = resource("/golden/unseen-mix-tour.yaml");
        InputStream status = resource("/golden/unseen-mix.json")) {
      tour = Serialization.unmarshal(spec, ClusterTour.class);
      stops =
          List.of(
              new ObjectMapper()
                  .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                  .readValue(status, StopStatus[].class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ClusterTourStatus s = new ClusterTourStatus();
    s.stops.addAll(stops);
    // the conditions' transition time: when the last stop finished, as on the run
    TourSummary.apply(s, 1L, Instant.parse(stops.get(stops.size() - 1).finishedAt));
    tour.setStatus(s);
    return tour;
  }

  private static InputStream resource(String name) {
    return RecordedTour.class.getResourceAsStream(name);
  }
}
