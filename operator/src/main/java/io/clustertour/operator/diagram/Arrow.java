package io.clustertour.operator.diagram;

/**
 * One message of a sequence diagram, or a remark on one lifeline when {@code from} equals {@code
 * to}.
 *
 * @param from lifeline id of the sender
 * @param to lifeline id of the receiver
 * @param label a few words printed on the arrow
 * @param style how the arrow is drawn: what kind of evidence it rests on, or the verdict of the
 *     documented step it draws
 * @param when the time printed beside it, with its precision ("+12.345 ms", "by +80 ms"), or null
 * @param atMs its place on the time axis in ms since the stop started, or null when unknown
 * @param ref the id of the row (timeline entry or documented step) it is drawn from
 * @param evidenceRef for a documented step, the id of the timeline entry its verdict rests on
 * @param pod the pod the message is about, or null
 * @param detail the full sentence behind it, for tooltips, screen readers and the evidence panel
 */
public record Arrow(
    String from,
    String to,
    String label,
    Style style,
    String when,
    Double atMs,
    String ref,
    String evidenceRef,
    String pod,
    String detail) {

  /** Whether it is drawn as a remark on one lifeline. */
  public boolean isRemark() {
    return from.equals(to);
  }

  /** How an arrow is drawn. */
  public enum Style {
    /** The request or call itself: audited by the API server or traced by the component. */
    DIRECT,
    /** A write known from the tour's watch (who wrote it from managedFields). */
    WATCH,
    /** An Event the component posted to the API server. */
    EVENT,
    /** Documented and seen to happen. */
    CONFIRMED,
    /** Documented, but it never happens: a myth. */
    MYTH,
    /** Documented, but a tour cannot see it on this cluster. */
    UNSEEN,
    /** Documented, not (yet) seen, or the stop ended before it. */
    OPEN;

    /** The sign written before a documented step's label, so its verdict is not colour alone. */
    public String sign() {
      return switch (this) {
        case CONFIRMED -> "✓ ";
        case MYTH -> "✗ ";
        case UNSEEN -> "? ";
        default -> "";
      };
    }
  }
}
