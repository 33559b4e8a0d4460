package io.clustertour.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Conditions following the API conventions: one per type, a CamelCase reason, observedGeneration on
 * each, and lastTransitionTime moved only when the status value changes. Pure.
 */
final class TourConditions {
  static final String READY = "Ready";
  static final String COMPLETED = "Completed";
  static final String MATCHES_DOCUMENTATION = "MatchesDocumentation";

  private TourConditions() {}

  /** A condition as wanted now, before transition bookkeeping. */
  record Desired(String type, String status, String reason, String message) {}

  /**
   * The conditions to write: {@code desired} in order, each keeping its previous lastTransitionTime
   * when its status did not change.
   */
  static List<Condition> merge(
      List<Condition> previous, List<Desired> desired, Long generation, Instant now) {
    List<Condition> out = new ArrayList<>();
    for (Desired d : desired) {
      Condition old =
          previous == null
              ? null
              : previous.stream()
                  .filter(c -> d.type().equals(c.getType()))
                  .findFirst()
                  .orElse(null);
      String since =
          old != null
                  && Objects.equals(old.getStatus(), d.status())
                  && old.getLastTransitionTime() != null
              ? old.getLastTransitionTime()
              : StatusTimes.seconds(now);
      out.add(
          new ConditionBuilder()
              .withType(d.type())
              .withStatus(d.status())
              .withReason(d.reason())
              .withMessage(d.message() == null ? "" : shorten(d.message()))
              .withObservedGeneration(generation)
              .withLastTransitionTime(since)
              .build());
    }
    if (previous != null) {
      previous.stream()
          .filter(c -> desired.stream().noneMatch(d -> d.type().equals(c.getType())))
          .forEach(out::add);
    }
    return out;
  }

  static String shorten(String text) {
    return text.length() <= 1000 ? text : text.substring(0, 999) + "…";
  }
}
