package io.clustertour.operator.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevisionSpaceTest {
  private static final Instant T = Instant.parse("2025-01-01T10:00:00Z");

  private static Observation seen(String source, String reason, String uid, String rv, int ms) {
    return new Observation(
        0,
        T.plusMillis(ms),
        "ns",
        source,
        reason,
        "c",
        "Pod",
        "p",
        uid,
        null,
        null,
        null,
        rv,
        1,
        false,
        false,
        source + reason + uid,
        0);
  }

  @Test
  void eventsAfterTheirObjectsCreationShowOneRevisionSpace() {
    RevisionSpace space =
        RevisionSpace.of(
            List.of(
                seen(Observation.WATCH, "PodCreated", "a", "100", 1),
                seen(Observation.EVENT, "Scheduled", "a", "102", 2)));
    assertTrue(space.shared());
    assertEquals(1, space.checks());
  }

  @Test
  void anEventBelowItsObjectsCreationShowsARevisionSpaceOfItsOwn() {
    RevisionSpace space =
        RevisionSpace.of(
            List.of(
                seen(Observation.WATCH, "PodCreated", "a", "100", 1),
                seen(Observation.EVENT, "Scheduled", "a", "7", 2)));
    assertFalse(space.shared());
    assertEquals(1, space.contradictions());
  }

  @Test
  void aPodFirstSeenAtItsDeletionIsNoCheck() {
    // scale down: the pod was created in an earlier stop; its Killing Event precedes its removal
    RevisionSpace space =
        RevisionSpace.of(
            List.of(
                seen(Observation.EVENT, "Killing", "old", "200", 1),
                seen(Observation.WATCH, "PodDeleted", "old", "230", 900)));
    assertEquals(0, space.contradictions());
    assertEquals(0, space.checks());
  }
}
