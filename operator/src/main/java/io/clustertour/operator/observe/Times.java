package io.clustertour.operator.observe;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Parses Kubernetes time strings and formats times with as many digits as their precision. */
public final class Times {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(ZoneOffset.UTC);

  private Times() {}

  /** metav1.Time / MicroTime text to an Instant; {@code null} when absent or unreadable. */
  public static Instant parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * RFC 3339 with the fraction the precision supports: none for 's' (a fraction would claim more
   * than the source knows), 3 digits for 'ms', 6 for 'us'.
   */
  static String format(Instant time, String precision) {
    if (time == null) {
      return null;
    }
    DateTimeFormatter formatter =
        switch (precision == null ? "" : precision) {
          case Observation.MICROS -> MICROS;
          case Observation.SECONDS -> SECONDS;
          default -> MILLIS;
        };
    return formatter.format(time);
  }
}
