package io.clustertour.operator.observe;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the API server's own /metrics whether consistent lists (kubectl get) are answered from its
 * watch cache (feature ConsistentListFromCache) or read from etcd.
 */
final class WatchCacheProbe {
  private static final Logger LOG = LoggerFactory.getLogger(WatchCacheProbe.class);
  static final String FEATURE = "ConsistentListFromCache";

  private WatchCacheProbe() {}

  /** True: served from the watch cache; false: from etcd; empty: could not tell. */
  static Optional<Boolean> listsFromWatchCache(KubernetesClient client) {
    try {
      HttpClient http = client.getHttpClient();
      String base = client.getMasterUrl().toString();
      HttpRequest request =
          http.newHttpRequestBuilder()
              .uri((base.endsWith("/") ? base : base + "/") + "metrics")
              .timeout(20, TimeUnit.SECONDS)
              .build();
      HttpResponse<InputStream> response =
          http.sendAsync(request, InputStream.class).get(30, TimeUnit.SECONDS);
      try (InputStream body = response.body()) {
        if (!response.isSuccessful() || body == null) {
          LOG.info("API server /metrics answered {}: watch-cache use unknown", response.code());
          return Optional.empty();
        }
        // the payload is megabytes: stream it and stop at the one line we need
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        return featureEnabled(reader.lines());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (Exception e) {
      LOG.info("Could not read API server /metrics: {}", e.toString());
      return Optional.empty();
    }
  }

  /** Reads {@code kubernetes_feature_enabled{name="ConsistentListFromCache",...} 0|1}. */
  static Optional<Boolean> featureEnabled(Stream<String> metricLines) {
    return metricLines
        .filter(l -> l.startsWith("kubernetes_feature_enabled{"))
        .filter(l -> l.contains("name=\"" + FEATURE + "\""))
        .findFirst()
        .map(l -> l.substring(l.lastIndexOf(' ') + 1).trim())
        .flatMap(
            value -> {
              try {
                return Optional.of(Double.parseDouble(value) >= 1);
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            });
  }
}
