package io.clustertour.operator.compare;

import io.clustertour.operator.api.ClusterTourSpec.Language;
import io.clustertour.operator.api.FlowStepResult;
import io.clustertour.operator.api.TimelineEntry;
import io.clustertour.operator.api.Verdict;
import io.clustertour.operator.observe.CausalOrder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Grades a stop's timeline against a flow: Observed, OutOfOrder, Contradicted, NotObservable,
 * Missing or NotReached per step, each with its evidence.
 */
public final class FlowMatcher {
  /** Evidence levels, strongest first (SPEC "Evidence model"). */
  public static final String DIRECT = "direct";

  public static final String OBSERVED = "observed";
  public static final String INFERRED = "inferred";

  private FlowMatcher() {}

  /** Grades a stop that has not diverged (see {@link #grade(Flow, List, Language, String)}). */
  public static List<FlowStepResult> grade(
      Flow flow, List<TimelineEntry> timeline, Language language) {
    return grade(flow, timeline, language, null);
  }

  /**
   * Grades the timeline (in causal order) against every step of the flow, in flow order. Verdict
   * rules: all required observedWhen matchers find an entry (one pod's entries where the step says
   * samePod) → Observed, or OutOfOrder when those entries provably happened out of matcher order or
   * the first one provably before the previous Observed step's evidence; else all required
   * contradictedWhen matchers find an entry → Contradicted; else a notObservable explanation →
   * NotObservable; else Missing, or NotReached when {@code divergence} says the stop broke off
   * before the step could happen.
   *
   * @param divergence why the stop ended before its flow could complete (e.g. "Diverged:
   *     ErrImagePull"), or null
   */
  public static List<FlowStepResult> grade(
      Flow flow, List<TimelineEntry> timeline, Language language, String divergence) {
    List<TimelineEntry> entries = timeline == null ? List.of() : timeline;
    Language lang = language == null ? Language.en : language;
    List<FlowStepResult> results = new ArrayList<>();
    TimelineEntry previous = null;
    String previousStep = null;
    for (FlowStep step : flow.steps()) {
      FlowStepResult result = base(step, lang);
      boolean ordered = flow.isOrdered(step);
      // the strongest evidence present decides: the interactions themselves, then the rest
      List<List<TimelineEntry>> chains = matches(step.directObservedWhen(), entries, step.onePod());
      String level = DIRECT;
      if (chains.isEmpty()) {
        chains = matches(step.observedWhen(), entries, step.onePod());
        level = OBSERVED;
      }
      if (!chains.isEmpty()) {
        String disorder = null;
        List<TimelineEntry> seen = chains.get(0);
        if (ordered) {
          // the first chain in order wins; only when every chain is provably out of order is the
          // step OutOfOrder
          for (List<TimelineEntry> chain : chains) {
            String d = disorder(chain, previous, previousStep, lang);
            if (d == null) {
              seen = chain;
              disorder = null;
              break;
            }
            disorder = disorder == null ? d : disorder;
          }
        }
        result.evidenceLevel = level;
        if (disorder == null) {
          set(result, Verdict.Observed, Evidence.observed(seen, lang), seen.get(0));
          if (ordered) {
            previous = seen.get(0);
            previousStep = step.id();
          }
        } else {
          set(result, Verdict.OutOfOrder, disorder, chains.get(0).get(0));
        }
      } else {
        gradeUnobserved(step, entries, lang, divergence, result);
      }
      results.add(result);
    }
    return results;
  }

  private static void gradeUnobserved(
      FlowStep step,
      List<TimelineEntry> entries,
      Language lang,
      String divergence,
      FlowStepResult result) {
    List<List<TimelineEntry>> contradictions =
        matches(step.directContradictedWhen(), entries, step.onePod());
    result.evidenceLevel = DIRECT;
    if (contradictions.isEmpty()) {
      // a contradiction read off the pattern of Events and watched changes is an inference
      contradictions = matches(step.contradictedWhen(), entries, step.onePod());
      result.evidenceLevel = INFERRED;
    }
    if (!contradictions.isEmpty()) {
      List<TimelineEntry> contradiction = contradictions.get(0);
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
      result.evidenceLevel = indirect.isEmpty() ? null : INFERRED;
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
    result.evidenceLevel = null;
    if (divergence != null) {
      set(
          result,
          Verdict.NotReached,
          Evidence.notReached(divergence, lookedFor, lastSign, lang),
          lastSign);
      return;
    }
    set(
        result,
        Verdict.Missing,
        Evidence.missing(lookedFor, entries.size(), lastSign, lang),
        lastSign);
  }

  /**
   * Every way the matchers can be satisfied, best first: one entry per required matcher (and per
   * optional matcher that finds one), the first match each. With {@code onePod}, Pod entries must
   * all be about one pod; each pod with a complete set gives one chain, pods in timeline order.
   */
  static List<List<TimelineEntry>> matches(
      List<StepMatcher> matchers, List<TimelineEntry> entries, boolean onePod) {
    if (matchers.isEmpty()) {
      return List.of();
    }
    if (!onePod) {
      List<TimelineEntry> chain = firstMatches(matchers, entries);
      return chain == null ? List.of() : List.of(chain);
    }
    Set<String> pods = new LinkedHashSet<>();
    for (TimelineEntry e : entries) {
      if (isPod(e) && e.uid != null) {
        pods.add(e.uid);
      }
    }
    List<List<TimelineEntry>> chains = new ArrayList<>();
    for (String pod : pods) {
      List<TimelineEntry> ofPod =
          entries.stream().filter(e -> !isPod(e) || pod.equals(e.uid)).toList();
      List<TimelineEntry> chain = firstMatches(matchers, ofPod);
      if (chain != null && chain.stream().anyMatch(FlowMatcher::isPod)) {
        chains.add(chain);
      }
    }
    return chains;
  }

  /** The first entry matching each matcher, or null when a required matcher finds none. */
  static List<TimelineEntry> firstMatches(List<StepMatcher> matchers, List<TimelineEntry> entries) {
    if (matchers.isEmpty()) {
      return null;
    }
    List<TimelineEntry> found = new ArrayList<>();
    for (StepMatcher m : matchers) {
      TimelineEntry hit = entries.stream().filter(m::matches).findFirst().orElse(null);
      if (hit != null) {
        found.add(hit);
      } else if (!m.isOptional()) {
        return null;
      }
    }
    return found.isEmpty() ? null : found;
  }

  static boolean isPod(TimelineEntry e) {
    return "Pod".equals(StepMatcher.kindOf(e.object));
  }

  private static String disorder(
      List<TimelineEntry> seen, TimelineEntry previous, String previousStep, Language lang) {
    for (int i = 1; i < seen.size(); i++) {
      if (CausalOrder.happenedBefore(seen.get(i), seen.get(i - 1))) {
        return Evidence.outOfOrderWithinStep(seen.get(i), seen.get(i - 1), lang);
      }
    }
    if (previous != null && CausalOrder.happenedBefore(seen.get(0), previous)) {
      return Evidence.outOfOrderAfterStep(seen.get(0), previous, previousStep, lang);
    }
    return null;
  }

  private static List<StepMatcher> unmatched(
      List<StepMatcher> matchers, List<TimelineEntry> entries) {
    return matchers.stream()
        .filter(m -> !m.isOptional())
        .filter(m -> entries.stream().noneMatch(m::matches))
        .toList();
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
    r.verdict = verdict;
    r.evidence = evidence;
    if (evidenceEntry != null) {
      r.evidenceSeq = evidenceEntry.seq;
      r.offsetMs = evidenceEntry.offsetMs;
    }
  }

  static boolean samePodOrNotPods(TimelineEntry a, TimelineEntry b) {
    return !isPod(a) || !isPod(b) || Objects.equals(a.uid, b.uid);
  }
}
