package io.clustertour.operator.reconcile;

import io.clustertour.operator.api.StopState;

/**
 * What {@link StopJudge} concluded about a running stop. While {@code Running}, {@code reason}
 * names what is still missing (e.g. {@code ContainerNotStarted}) and {@code message} says it in
 * words, so a timeout can report it as is.
 */
public record Judgement(StopState state, String reason, String message) {

  static Judgement waiting(String reason, String message) {
    return new Judgement(StopState.Running, reason, message);
  }

  static Judgement completed(String message) {
    return new Judgement(StopState.Completed, "Completed", message);
  }

  static Judgement diverged(String reason, String message) {
    return new Judgement(StopState.Diverged, reason, message);
  }

  boolean isWaiting() {
    return state == StopState.Running;
  }
}
