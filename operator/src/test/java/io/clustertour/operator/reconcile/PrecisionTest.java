package io.clustertour.operator.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PrecisionTest {
  @Test
  void aDifferenceIsOnlyAsFineAsItsCoarserEnd() {
    Instant created = Instant.parse("2025-03-01T10:00:00Z");
    Instant scheduled = Instant.parse("2025-03-01T10:00:00.010123Z");

    assertEquals("s", Precision.coarser("us", "s"));
    assertEquals("ms", Precision.coarser("us", "ms"));
    assertEquals("us", Precision.coarser("us", "us"));
    assertEquals("s", Precision.coarser(null, "us"), "unknown is not finer than anything");
    assertEquals(0, Precision.millisBetween(created, scheduled, "s"));
    assertEquals(10, Precision.millisBetween(created, scheduled, "us"));
    assertEquals(0, Precision.millisBetween(scheduled, created, "us"), "never negative");
  }
}
