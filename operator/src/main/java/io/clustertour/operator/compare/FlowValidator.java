package io.clustertour.operator.compare;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks a parsed flow file so that mistakes fail at start-up, not while grading a tour. */
final class FlowValidator {
  private FlowValidator() {}

  static void validate(String name, Flow flow, Set<String> claimIds) {
    if (flow.stopType() == null || flow.stopType().isBlank()) {
      throw fail(name, null, "stopType is missing");
    }
    if (flow.steps().isEmpty()) {
      throw fail(name, null, "the flow has no steps");
    }
    Set<String> ids = new HashSet<>();
    for (FlowStep step : flow.steps()) {
      if (step.id() == null || step.id().isBlank()) {
        throw fail(name, null, "a step has no id");
      }
      if (!ids.add(step.id())) {
        throw fail(name, step, "duplicate step id");
      }
      validateStep(name, step, claimIds);
    }
  }

  private static void validateStep(String name, FlowStep step, Set<String> claimIds) {
    if (step.claim() == null || !claimIds.contains(step.claim())) {
      throw fail(name, step, "unknown claim '" + step.claim() + "' (known: C01..C25)");
    }
    if (step.component() == null || step.component().isBlank()) {
      throw fail(name, step, "component is missing");
    }
    if (step.text() == null || !step.text().isComplete()) {
      throw fail(name, step, "text needs both 'en' and 'ko'");
    }
    if (step.observedWhen().isEmpty()
        && step.contradictedWhen().isEmpty()
        && step.directObservedWhen().isEmpty()
        && step.directContradictedWhen().isEmpty()
        && step.notObservable() == null) {
      throw fail(
          name, step, "needs at least one of observedWhen, contradictedWhen or notObservable");
    }
    if ((!step.contradictedWhen().isEmpty() || !step.directContradictedWhen().isEmpty())
        && (step.reality() == null || !step.reality().isComplete())) {
      throw fail(name, step, "contradictedWhen needs a 'reality' text with both 'en' and 'ko'");
    }
    if (step.notObservable() != null && !step.notObservable().isComplete()) {
      throw fail(name, step, "notObservable needs both 'en' and 'ko'");
    }
    if (step.arrow() != null
        && (step.arrow().from() == null
            || step.arrow().label() == null
            || !step.arrow().label().isComplete())) {
      throw fail(name, step, "arrow needs 'from' and a 'label' with both 'en' and 'ko'");
    }
    checkMatchers(name, step, "observedWhen", step.observedWhen());
    checkMatchers(name, step, "contradictedWhen", step.contradictedWhen());
    checkMatchers(name, step, "indirectEvidence", step.indirectEvidence());
    checkMatchers(name, step, "directObservedWhen", step.directObservedWhen());
    checkMatchers(name, step, "directContradictedWhen", step.directContradictedWhen());
  }

  private static void checkMatchers(
      String name, FlowStep step, String field, List<StepMatcher> matchers) {
    for (StepMatcher m : matchers) {
      if (m == null || m.isEmpty()) {
        throw fail(name, step, field + " has an empty matcher (it would match anything)");
      }
      if (m.source() != null && !StepMatcher.SOURCES.contains(m.source())) {
        throw fail(
            name,
            step,
            field + " source '" + m.source() + "' is not one of " + StepMatcher.SOURCES);
      }
    }
  }

  private static IllegalStateException fail(String name, FlowStep step, String problem) {
    String where = step == null ? "" : " step '" + step.id() + "':";
    return new IllegalStateException(name + ":" + where + " " + problem);
  }
}
