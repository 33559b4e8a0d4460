package io.clustertour.operator.compare;

import io.clustertour.operator.api.ClusterTourSpec.Language;
import io.clustertour.operator.api.FlowStepResult;
import io.clustertour.operator.api.TimelineEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Grades a stop's timeline against a flow: Observed, OutOfOrder, Contradicted, NotObservable or
 * Missing per step, each with its evidence.
 */
public final class FlowMatcher {
  private FlowMatcher() {}

  /**
   * Grades the timeline (in seq order) against every step of the flow, in flow order. Verdict
   * rules: all observedWhen matchers find an entry → Observed, or OutOfOrder when those entries are
   * out of matcher order or the first one happened before the previous Observed step's evidence;
   * else all contradictedWhen matchers find an entry → Contradicted; else a notObservable
   * explanation → NotObservable; else Missing.
   */
  public static List<FlowStepResult> grade(
      Flow flow, List<TimelineEntry> timeline, Language language) {
    List<TimelineEntry> entries = timeline == null ? List.of() : timeline;
    Language lang = language == null ? Language.en : language;
    List<FlowStepResult> results = new ArrayList<>();
    TimelineEntry previous = null;
    String previousStep = null;
    for (FlowStep step : flow.steps()) {
      FlowStepResult result = base(step, lang);
      List<TimelineEntry> seen = firstMatches(step.observedWhen(), entries);
      if (seen != null) {
        boolean ordered = flow.isOrdered(step);
        String disorder = ordered ? disorder(seen, previous, previousStep, lang) : null;
        if (disorder == null) {
          set(result, Verdict.Observed, Evidence.observed(seen, lang), seen.get(0));
          if (ordered) {
            previous = seen.get(0);
            previousStep = step.id();
          }
        } else {
          set(result, Verdict.OutOfOrder, disorder, seen.get(0));
        }
      } else {
        gradeUnobserved(step, entries, lang, result);
      }
      results.add(result);
    }
    return results;
  }

  private static void gradeUnobserved(
      FlowStep step, List<TimelineEntry> entries, Language lang, FlowStepResult result) {
    List<TimelineEntry> contradiction = firstMatches(step.contradictedWhen(), entries);
    if (contradiction != null) {
      set(
          result,
          Verdict.Contradicted,
          Evidence.contradicted(step.reality(), contradiction, lang),
          contradiction.get(0));
      return;
    }
    if (step.notObservable() != null) {
      List<TimelineEntry> indirect = new ArrayList<>();
      for (StepMatcher m : step.indirectEvidence()) {
        entries.stream().filter(m::matches).findFirst().ifPresent(indirect::add);
      }
      set(
          result,
          Verdict.NotObservable,
          Evidence.notObservable(step.notObservable(), indirect, lang),
          indirect.isEmpty() ? null : indirect.get(0));
      return;
    }
    List<StepMatcher> lookedFor =
        unmatched(
            step.observedWhen().isEmpty() ? step.contradictedWhen() : step.observedWhen(), entries);
    TimelineEntry lastSign = lastSignOf(lookedFor, entries);
    set(
        result,
        Verdict.Missing,
        Evidence.missing(lookedFor, entries.size(), lastSign, lang),
        lastSign);
  }

  /** The first entry matching each matcher, or null when a matcher finds none (or none given). */
  static List<TimelineEntry> firstMatches(List<StepMatcher> matchers, List<TimelineEntry> entries) {
    if (matchers.isEmpty()) {
      return null;
    }
    List<TimelineEntry> found = new ArrayList<>();
    for (StepMatcher m : matchers) {
      TimelineEntry hit = entries.stream().filter(m::matches).findFirst().orElse(null);
      if (hit == null) {
        return null;
      }
      found.add(hit);
    }
    return found;
  }

  private static String disorder(
      List<TimelineEntry> seen, TimelineEntry previous, String previousStep, Language lang) {
    for (int i = 1; i < seen.size(); i++) {
      if (Chronology.happenedBefore(seen.get(i), seen.get(i - 1))) {
        return Evidence.outOfOrderWithinStep(seen.get(i), seen.get(i - 1), lang);
      }
    }
    if (previous != null && Chronology.happenedBefore(seen.get(0), previous)) {
      return Evidence.outOfOrderAfterStep(seen.get(0), previous, previousStep, lang);
    }
    return null;
  }

  private static List<StepMatcher> unmatched(
      List<StepMatcher> matchers, List<TimelineEntry> entries) {
    return matchers.stream().filter(m -> entries.stream().noneMatch(m::matches)).toList();
  }

  /**
   * The last entry from a component the missing matchers name: where a broken flow stopped, e.g.
   * FailedScheduling when Scheduled is missing.
   */
  private static TimelineEntry lastSignOf(
      List<StepMatcher> lookedFor, List<TimelineEntry> entries) {
    TimelineEntry last = null;
    for (TimelineEntry e : entries) {
      for (StepMatcher m : lookedFor) {
        if (m.component() != null && ComponentNames.matches(m.component(), e.component)) {
          last = e;
        }
      }
    }
    return last;
  }

  private static FlowStepResult base(FlowStep step, Language lang) {
    FlowStepResult r = new FlowStepResult();
    r.step = step.id();
    r.claim = step.claim();
    r.component = step.component();
    r.claimText = step.text() == null ? null : step.text().in(lang);
    return r;
  }

  private static void set(
      FlowStepResult r, Verdict verdict, String evidence, TimelineEntry evidenceEntry) {
    r.verdict = verdict.name();
    r.evidence = evidence;
    if (evidenceEntry != null) {
      r.evidenceSeq = evidenceEntry.seq;
      r.offsetMs = evidenceEntry.offsetMs;
    }
  }
}
