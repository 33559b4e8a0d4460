package io.clustertour.operator.web;

import io.clustertour.operator.observe.Times;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** HTML escaping and the small formatting helpers the pages share. */
final class Html {
  private Html() {}

  /** Escapes text for use in element content and quoted attribute values. */
  static String esc(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A path to a tour page, safe inside an href attribute. */
  static String tourHref(String name) {
    return "/tours/"
        + esc(URLEncoder.encode(name == null ? "" : name, StandardCharsets.UTF_8))
            .replace("+", "%20");
  }

  /** kubectl-like age: 45s, 12m, 5h, 3d. */
  static String age(String creationTimestamp, Instant now) {
    Instant created = parse(creationTimestamp);
    if (created == null) {
      return "";
    }
    return shortDuration(Duration.between(created, now));
  }

  static String shortDuration(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 120) {
      return s + "s";
    }
    if (s < 2 * 3600) {
      return s / 60 + "m";
    }
    if (s < 2 * 86400) {
      return s / 3600 + "h";
    }
    return s / 86400 + "d";
  }

  static Instant parse(String rfc3339) {
    return Times.parse(rfc3339);
  }

  /** Status lists are null when the JSON said so explicitly. */
  static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : list;
  }

  static String or(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
