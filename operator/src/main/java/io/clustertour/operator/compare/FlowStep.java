package io.clustertour.operator.compare;

import java.util.List;

/**
 * One step of a documented flow: the claim it checks and what observation confirms, contradicts or
 * cannot show it.
 *
 * @param id unique step id, e.g. deployment.scheduled
 * @param claim claim id C01..C25 (null for a learner's own step)
 * @param component component the notes say performs the step
 * @param text the claim as a learner-friendly sentence
 * @param observedWhen matchers that must all find an entry for Observed
 * @param contradictedWhen matchers that must all find an entry for Contradicted
 * @param notObservable why the step cannot be seen, used when neither list matched
 * @param reality what really happens, shown with a Contradicted verdict
 * @param indirectEvidence matchers whose entries are quoted with a NotObservable verdict
 * @param ordered false when the step takes no part in order checks; null inherits the flow's
 * @param samePod true when the step's Pod entries must all be about one pod (same UID): a chain
 *     like "created, then bound, then started" is only evidence when it is one pod's story
 * @param directObservedWhen like observedWhen, on the interactions themselves (audited requests,
 *     traced etcd and CRI calls): tried first, and a match is evidence level direct
 * @param directContradictedWhen like contradictedWhen, on the interactions themselves
 * @param arrow the arrow the notes draw for this step, for the documented sequence diagram
 */
public record FlowStep(
    String id,
    String claim,
    String component,
    LocalizedText text,
    List<StepMatcher> observedWhen,
    List<StepMatcher> contradictedWhen,
    LocalizedText notObservable,
    LocalizedText reality,
    List<StepMatcher> indirectEvidence,
    Boolean ordered,
    Boolean samePod,
    List<StepMatcher> directObservedWhen,
    List<StepMatcher> directContradictedWhen,
    FlowArrow arrow) {

  public FlowStep {
    directObservedWhen = directObservedWhen == null ? List.of() : List.copyOf(directObservedWhen);
    directContradictedWhen =
        directContradictedWhen == null ? List.of() : List.copyOf(directContradictedWhen);
    observedWhen = observedWhen == null ? List.of() : List.copyOf(observedWhen);
    contradictedWhen = contradictedWhen == null ? List.of() : List.copyOf(contradictedWhen);
    indirectEvidence = indirectEvidence == null ? List.of() : List.copyOf(indirectEvidence);
  }

  /** A step judged on observed and inferred evidence only. */
  public FlowStep(
      String id,
      String claim,
      String component,
      LocalizedText text,
      List<StepMatcher> observedWhen,
      List<StepMatcher> contradictedWhen,
      LocalizedText notObservable,
      LocalizedText reality,
      List<StepMatcher> indirectEvidence,
      Boolean ordered,
      Boolean samePod) {
    this(
        id,
        claim,
        component,
        text,
        observedWhen,
        contradictedWhen,
        notObservable,
        reality,
        indirectEvidence,
        ordered,
        samePod,
        null,
        null,
        null);
  }

  /** Whether the Pod entries of this step's evidence must share one pod UID. */
  public boolean onePod() {
    return Boolean.TRUE.equals(samePod);
  }
}
