package io.clustertour.operator.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Prometheus text exposition (what /metrics serves), parsed into samples. Pure. */
final class PromText {
  private PromText() {}

  /** One line of a metrics page: name, labels and value. */
  record Sample(String name, Map<String, String> labels, double value) {
    String label(String key) {
      return labels.getOrDefault(key, "");
    }
  }

  static List<Sample> parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int brace = l.indexOf('{');
      int space = l.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      String name;
      if (brace >= 0 && brace < space) {
        name = l.substring(0, brace);
        int close = labels(l, brace + 1, labels);
        space = l.indexOf(' ', close);
      } else {
        name = l.substring(0, l.indexOf(' '));
        space = l.indexOf(' ');
      }
      String[] rest = l.substring(space + 1).strip().split("\\s+");
      samples.add(new Sample(name, labels, value(rest[0])));
    }
    return samples;
  }

  /** Sum of the samples of one metric whose labels satisfy the filter. */
  static double sum(List<Sample> samples, String name, Predicate<Sample> filter) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && filter.test(s))
        .mapToDouble(Sample::value)
        .sum();
  }

  // reads key="value",... up to the closing brace; returns the brace's index
  private static int labels(String l, int from, Map<String, String> into) {
    int i = from;
    while (i < l.length() && l.charAt(i) != '}') {
      int eq = l.indexOf('=', i);
      String key = l.substring(i, eq).strip();
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      while (l.charAt(j) != '"') {
        char c = l.charAt(j);
        if (c == '\\' && j + 1 < l.length()) {
          char next = l.charAt(++j);
          value.append(next == 'n' ? '\n' : next);
        } else {
          value.append(c);
        }
        j++;
      }
      into.put(key, value.toString());
      i = j + 1;
      if (i < l.length() && l.charAt(i) == ',') {
        i++;
      }
    }
    return i;
  }

  private static double value(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(text);
    };
  }
}
