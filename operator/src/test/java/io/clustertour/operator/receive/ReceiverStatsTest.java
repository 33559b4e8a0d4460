package io.clustertour.operator.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ReceiverStatsTest {
  private static final Pattern REJECTED = Pattern.compile("\\.rejected\\(\"([a-z-]+)\"\\)");

  @Test
  void everyReasonTheReceiversGiveIsAMetricLabelFromTheStart() throws IOException {
    Set<String> used = new TreeSet<>();
    try (Stream<Path> files =
        Files.list(Path.of("src/main/java/io/clustertour/operator/receive"))) {
      for (Path f : files.toList()) {
        Matcher m = REJECTED.matcher(Files.readString(f));
        while (m.find()) {
          used.add(m.group(1));
        }
      }
    }
    assertTrue(used.size() >= 4, used.toString());
    assertEquals(new TreeSet<>(ReceiverStats.REASONS), used);
  }

  @Test
  void countsByReason() {
    ReceiverStats stats = new ReceiverStats();
    stats.rejected("too-large");
    stats.rejected("too-large");
    assertEquals(2, stats.rejectedFor("too-large"));
    assertEquals(0, stats.rejectedFor("malformed"));
  }
}
