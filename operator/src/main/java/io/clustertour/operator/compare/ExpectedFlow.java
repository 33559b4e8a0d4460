package io.clustertour.operator.compare;

import io.clustertour.operator.api.ExpectedStep;
import java.util.ArrayList;
import java.util.List;

/** Turns a learner's expectedFlow into a flow graded like a shipped one. */
public final class ExpectedFlow {
  private ExpectedFlow() {}

  /**
   * One step per expected step, id {@code expected-N}, no claim id. Each is Observed when its
   * component (and reason, if given) shows up; when the reason shows up only from another component
   * it is Contradicted, and the evidence names the component that really reported it.
   */
  public static Flow from(String stopType, List<ExpectedStep> expected) {
    List<FlowStep> steps = new ArrayList<>();
    int n = 0;
    for (ExpectedStep e : expected) {
      n++;
      boolean hasReason = e.reason != null && !e.reason.isBlank();
      List<String> reason = hasReason ? List.of(e.reason.trim()) : List.of();
      String text = e.text == null ? "" : e.text;
      steps.add(
          new FlowStep(
              "expected-" + n,
              null,
              e.component,
              new LocalizedText(text, text),
              List.of(new StepMatcher(null, e.component, reason, null)),
              hasReason ? List.of(new StepMatcher(null, null, reason, null)) : List.of(),
              null,
              hasReason ? otherComponent(e.reason.trim(), e.component) : null,
              List.of(),
              null,
              null));
    }
    return new Flow(stopType, true, steps);
  }

  private static LocalizedText otherComponent(String reason, String component) {
    return new LocalizedText(
        reason + " was reported, but by a different component than " + component + ".",
        reason + "은(는) 보고되었지만 " + component + "이(가) 아닌 다른 컴포넌트가 보고했습니다.");
  }
}
