package io.clustertour.operator.observe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.TimelineEntry;
import io.clustertour.operator.testsupport.ProvenOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random timelines, including clocks skewed beyond the allowance: the order's promises hold. */
class CausalOrderPropertyTest {
  private static final Instant START = Instant.parse("2025-01-01T12:00:00Z");
  private static final String[] COMPONENTS = {"kubelet", "default-scheduler", "replicaset-ctrl"};

  @Test
  void happenedByTimesAndRevisionsNeverDecreaseWhateverTheClocksSay() {
    Random random = new Random(7);
    for (int round = 0; round < 5_000; round++) {
      List<TimelineEntry> entries = randomTimeline(random, 3 + random.nextInt(25));
      List<TimelineEntry> ordered = CausalOrder.order(new ArrayList<>(entries), START);
      TimelineEntry request =
          ordered.stream()
              .filter(e -> Observation.REQUEST.equals(e.source))
              .min(Comparator.comparing(e -> Times.parse(e.time)))
              .orElse(null);
      if (request != null) {
        for (TimelineEntry e : ordered.subList(0, ordered.indexOf(request))) {
          assertTrue(
              ProvenOrder.writtenBefore(ordered, e, request),
              "round " + round + ": " + e.reason + " above the request unproven");
        }
      }
      for (int i = 1; i < ordered.size(); i++) {
        TimelineEntry a = ordered.get(i - 1);
        TimelineEntry b = ordered.get(i);
        String where = "round " + round + " at #" + (i + 1) + ": " + ordered;
        assertTrue(a.offsetMs <= b.offsetMs, "happened-by decreased, " + where);
        if (a.revision != null && b.revision != null) {
          assertTrue(a.revision < b.revision, "revision decreased, " + where);
        }
      }
    }
  }

  private static List<TimelineEntry> randomTimeline(Random random, int size) {
    List<TimelineEntry> out = new ArrayList<>();
    long revision = 100;
    for (int seq = 0; seq < size; seq++) {
      TimelineEntry e = new TimelineEntry();
      e.seq = (long) seq;
      long actMs = random.nextInt(3_000);
      // a component's clock may run up to 400 ms off; a watch may deliver up to 1.5 s late
      long ownMs = Math.max(0, actMs + random.nextInt(800) - 400);
      e.receivedAt = Times.format(START.plusMillis(actMs + random.nextInt(1_500)), "ms");
      switch (random.nextInt(5)) {
        case 0 -> {
          e.source = "watch";
          e.component = COMPONENTS[random.nextInt(3)];
          e.revision = revision += 1 + random.nextInt(3);
          e.time = Times.format(START.plusMillis(ownMs), "s");
          e.precision = "s";
        }
        case 1, 2 -> {
          e.source = "event";
          e.component = COMPONENTS[random.nextInt(3)];
          e.revision = random.nextBoolean() ? (revision += 1 + random.nextInt(3)) : null;
          String precision = random.nextBoolean() ? "us" : "s";
          e.time = Times.format(START.plusMillis(ownMs), precision);
          e.precision = precision;
          if (random.nextInt(4) == 0) {
            e.until = Times.format(START.plusMillis(ownMs + random.nextInt(2_000)), precision);
          }
        }
        case 3 -> {
          e.source = Interactions.AUDIT;
          e.component = COMPONENTS[random.nextInt(3)];
          e.time = Times.format(START.plusMillis(ownMs), "us");
          e.precision = "us";
          e.until = Times.format(START.plusMillis(ownMs + random.nextInt(300)), "us");
        }
        default -> {
          e.source = Observation.REQUEST;
          e.component = "clustertour";
          e.time = Times.format(START.plusMillis(actMs), "ms");
          e.precision = "ms";
        }
      }
      e.reason = e.source + seq;
      out.add(e);
    }
    return out;
  }
}
