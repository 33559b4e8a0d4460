package io.clustertour.operator.reconcile;

import io.clustertour.operator.observe.Times;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The operator-clock times of the status: RFC 3339 with exactly three fraction digits. */
final class StatusTimes {
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX").withZone(ZoneOffset.UTC);

  private StatusTimes() {}

  static String millis(Instant t) {
    return t == null ? null : MILLIS.format(t);
  }

  /** metav1.MicroTime form (an Event's eventTime). */
  static String micros(Instant t) {
    return t == null ? null : MICROS.format(t);
  }

  /** metav1.Time form (conditions' lastTransitionTime must be second precision). */
  static String seconds(Instant t) {
    return t == null ? null : SECONDS.format(t);
  }

  static Instant parse(String text) {
    return Times.parse(text);
  }
}
