package io.clustertour.operator.compare;

/**
 * The arrow a study note draws for a step: who it says talks to whom, and in a few words what
 * about. A note without a receiver ({@code to} empty) is drawn as a remark on the sender.
 *
 * @param from the component the note says acts (as the notes name it)
 * @param to the component the note says it talks to, or null for a remark on {@code from}
 * @param label a few words for the arrow, in English and Korean
 */
public record FlowArrow(String from, String to, LocalizedText label) {

  /** Whether the note draws a message between two components, not a remark on one. */
  public boolean isMessage() {
    return to != null && !to.isBlank();
  }
}
