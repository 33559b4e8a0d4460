package io.clustertour.operator.compare;

import static io.clustertour.operator.compare.Entries.event;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clustertour.operator.api.TimelineEntry;
import org.junit.jupiter.api.Test;

class ChronologyTest {

  private static TimelineEntry at(long seq, String time, String precision) {
    return event(seq, "c", "R", "Pod/p", time, precision);
  }

  @Test
  void sameSecondEntriesAreOrderedBySeq() {
    TimelineEntry first = at(3, "2025-01-01T12:00:01Z", "s");
    TimelineEntry second = at(5, "2025-01-01T12:00:01Z", "s");
    assertTrue(Chronology.happenedBefore(first, second));
    assertFalse(Chronology.happenedBefore(second, first));
  }

  @Test
  void oneSecondGapIsWithinSecondPrecisionSoSeqDecides() {
    // 12:00:02 (s) may really be 12:00:02.0 and 12:00:01 (s) 12:00:01.999: too close to call.
    TimelineEntry laterStamp = at(1, "2025-01-01T12:00:02Z", "s");
    TimelineEntry earlierStamp = at(2, "2025-01-01T12:00:01Z", "s");
    assertTrue(Chronology.happenedBefore(laterStamp, earlierStamp));
  }

  @Test
  void timesDecideWhenTheyDifferBeyondTheCoarserPrecision() {
    TimelineEntry receivedLate = at(9, "2025-01-01T12:00:00.100Z", "ms");
    TimelineEntry receivedEarly = at(1, "2025-01-01T12:00:03Z", "s");
    assertTrue(Chronology.happenedBefore(receivedLate, receivedEarly));
    assertFalse(Chronology.happenedBefore(receivedEarly, receivedLate));
  }

  @Test
  void microsecondTimesOrderFinerThanSeq() {
    TimelineEntry a = at(10, "2025-01-01T12:00:01.000010Z", "us");
    TimelineEntry b = at(2, "2025-01-01T12:00:01.000500Z", "us");
    assertTrue(Chronology.happenedBefore(a, b));
  }

  @Test
  void millisecondPrecisionWinsOverMicrosecondForTheTolerance() {
    // 0.49 ms apart, but one side is only ms-precise: seq decides.
    TimelineEntry us = at(10, "2025-01-01T12:00:01.000010Z", "us");
    TimelineEntry ms = at(2, "2025-01-01T12:00:01.000500Z", "ms");
    assertTrue(Chronology.happenedBefore(ms, us));
    assertFalse(Chronology.happenedBefore(us, ms));
  }

  @Test
  void missingOrUnparsableTimeFallsBackToSeq() {
    TimelineEntry noTime = at(7, null, null);
    TimelineEntry garbage = at(4, "yesterday", "s");
    assertTrue(Chronology.happenedBefore(garbage, noTime));
  }

  @Test
  void anEntryDidNotHappenBeforeItself() {
    TimelineEntry e = at(4, "2025-01-01T12:00:01Z", "s");
    assertFalse(Chronology.happenedBefore(e, e));
  }
}
