package io.clustertour.operator.diagram;

import io.clustertour.operator.api.ClusterTourSpec.Language;
import io.clustertour.operator.api.FlowStepResult;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.api.Verdict;
import io.clustertour.operator.compare.Flow;
import io.clustertour.operator.compare.FlowArrow;
import io.clustertour.operator.compare.FlowCatalog;
import io.clustertour.operator.compare.FlowStep;
import io.clustertour.operator.diagram.Arrow.Style;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The documented flow of one stop as the study notes draw it: each step's arrow (who talks to
 * whom), drawn by its verdict, so a myth arrow stands out next to what really happened.
 */
public final class DocumentedDiagram {
  private static final int LABEL_LIMIT = 40;

  private DocumentedDiagram() {}

  /** The stop's documented steps, in the order the notes tell them, with their verdicts. */
  public static SequenceDiagram of(StopStatus stop, FlowCatalog catalog, Language language) {
    Map<String, FlowStep> steps = new HashMap<>();
    Flow shipped = stop.type == null ? null : catalog.flow(stop.type);
    if (shipped != null) {
      shipped.steps().forEach(s -> steps.put(s.id(), s));
    }
    SequenceDiagram.Builder diagram = new SequenceDiagram.Builder();
    for (FlowStepResult r : stop.flow == null ? List.<FlowStepResult>of() : stop.flow) {
      FlowStep step = steps.get(r.step);
      FlowArrow drawn = step == null ? null : step.arrow();
      String from = lifeline(diagram, drawn == null ? r.component : drawn.from());
      String to = drawn != null && drawn.isMessage() ? lifeline(diagram, drawn.to()) : from;
      String label = drawn != null ? drawn.label().in(language) : shorten(r.claimText);
      Style style = style(r.verdict);
      String when =
          r.verdict == Verdict.Observed && r.offsetMs != null ? "by +" + r.offsetMs + " ms" : null;
      diagram.add(
          new Arrow(
              from,
              to,
              label,
              style,
              when,
              null,
              "step-" + r.step,
              r.evidenceSeq == null ? null : "e" + r.evidenceSeq,
              null,
              detail(r)));
    }
    return diagram.build();
  }

  static Style style(Verdict verdict) {
    if (verdict == null) {
      return Style.OPEN;
    }
    return switch (verdict) {
      case Observed -> Style.CONFIRMED;
      case Contradicted -> Style.MYTH;
      case NotObservable -> Style.UNSEEN;
      case Missing, OutOfOrder, NotReached -> Style.OPEN;
    };
  }

  /** The lifeline a component name of the notes stands for. */
  private static String lifeline(SequenceDiagram.Builder diagram, String component) {
    String c = component == null || component.isBlank() ? "?" : component.trim();
    Lane lane = Lane.of(c);
    return switch (lane) {
      case CLIENT -> diagram.lifeline("client", lane, c);
      case APISERVER, ETCD, KUBELET -> diagram.lifeline(lane.name(), lane, c);
      case RUNTIME -> diagram.lifeline("runtime", lane, c);
      default -> diagram.lifeline(lane.name().toLowerCase(Locale.ROOT) + ":" + c, lane, c);
    };
  }

  private static String shorten(String text) {
    if (text == null) {
      return "?";
    }
    return text.length() <= LABEL_LIMIT ? text : text.substring(0, LABEL_LIMIT - 1) + "…";
  }

  private static String detail(FlowStepResult r) {
    StringBuilder s = new StringBuilder();
    if (r.claim != null) {
      s.append(r.claim).append(" · ");
    }
    s.append(r.claimText).append(" — ").append(r.verdict);
    if (r.evidenceLevel != null) {
      s.append(" (").append(r.evidenceLevel).append(')');
    }
    if (r.evidence != null) {
      s.append(": ").append(r.evidence);
    }
    return s.toString();
  }
}
