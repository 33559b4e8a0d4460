package io.clustertour.operator.compare;

import java.util.List;

/**
 * An ordered list of steps describing what a stop type is believed to make the cluster do.
 *
 * @param stopType the stop type this flow documents (or the learner's stop type)
 * @param ordered whether steps are checked for order; null means true
 * @param steps the steps in documented order
 */
public record Flow(String stopType, Boolean ordered, List<FlowStep> steps) {

  public Flow {
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  /** Whether the step's evidence must come after the previous observed step's evidence. */
  public boolean isOrdered(FlowStep step) {
    if (step.ordered() != null) {
      return step.ordered();
    }
    return ordered == null || ordered;
  }
}
