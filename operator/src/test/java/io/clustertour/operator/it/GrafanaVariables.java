package io.clustertour.operator.it;

import java.time.Duration;

/**
 * Grafana's substitution of a Prometheus panel query's variables for one time range: {@code
 * $__interval} is the range over the panel's data points but never below the data source's scrape
 * interval, {@code $__rate_interval} is the larger of interval plus scrape interval and four scrape
 * intervals, {@code $__range} the whole range; a single-value query variable is inserted as is.
 */
record GrafanaVariables(Duration range, Duration scrape, String namespace) {
  private static final int MAX_DATA_POINTS = 1000;

  Duration interval() {
    Duration perPoint = Duration.ofSeconds(Math.max(1, range.toSeconds() / MAX_DATA_POINTS));
    return perPoint.compareTo(scrape) < 0 ? scrape : perPoint;
  }

  Duration rateInterval() {
    Duration a = interval().plus(scrape);
    Duration b = scrape.multipliedBy(4);
    return a.compareTo(b) > 0 ? a : b;
  }

  String substitute(String expr) {
    return expr.replace("$__rate_interval", rateInterval().toSeconds() + "s")
        .replace("$__range", Math.max(1, range.toSeconds()) + "s")
        .replace("$__interval", interval().toSeconds() + "s")
        .replace("$namespace", namespace);
  }
}
