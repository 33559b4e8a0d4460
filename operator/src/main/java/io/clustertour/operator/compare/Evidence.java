package io.clustertour.operator.compare;

import io.clustertour.operator.api.ClusterTourSpec.Language;
import io.clustertour.operator.api.TimelineEntry;
import io.clustertour.operator.observe.CausalOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Writes the evidence sentences of verdicts, in English or Korean. */
final class Evidence {
  private Evidence() {}

  static String observed(List<TimelineEntry> seen, Language lang) {
    return ko(lang) ? "관측됨: " + chain(seen, lang) + "." : "Seen: " + chain(seen, lang) + ".";
  }

  static String outOfOrderWithinStep(TimelineEntry early, TimelineEntry late, Language lang) {
    return ko(lang)
        ? "문서의 순서와 다르게 관측됨: " + entry(early, lang) + "이(가) " + entry(late, lang) + "보다 먼저 일어났습니다."
        : "Seen out of the documented order: "
            + entry(early, lang)
            + " happened before "
            + entry(late, lang)
            + ".";
  }

  static String outOfOrderAfterStep(
      TimelineEntry early, TimelineEntry previous, String previousStep, Language lang) {
    return ko(lang)
        ? "문서의 순서와 다르게 관측됨: "
            + entry(early, lang)
            + "이(가) 앞 단계 "
            + previousStep
            + "의 "
            + entry(previous, lang)
            + "보다 먼저 일어났습니다."
        : "Seen out of the documented order: "
            + entry(early, lang)
            + " happened before "
            + entry(previous, lang)
            + ", the evidence of the earlier step "
            + previousStep
            + ".";
  }

  static String contradicted(LocalizedText reality, List<TimelineEntry> seen, Language lang) {
    String why = reality == null ? "" : reality.in(lang) + " ";
    return why + (ko(lang) ? "실제 관측: " : "What was seen: ") + chain(seen, lang) + ".";
  }

  static String notObservable(LocalizedText why, List<TimelineEntry> indirect, Language lang) {
    if (indirect.isEmpty()) {
      return why.in(lang);
    }
    return why.in(lang)
        + (ko(lang) ? " 간접 증거: " : " Indirect evidence: ")
        + chain(indirect, lang)
        + ".";
  }

  static String missing(
      List<StepMatcher> lookedFor, int timelineSize, TimelineEntry lastSign, Language lang) {
    String wanted = wanted(lookedFor);
    String text =
        ko(lang)
            ? "이 단계의 타임라인 항목 " + timelineSize + "개 중에서 관측되지 않았습니다(찾은 것: " + wanted + ")."
            : "Not seen among the "
                + timelineSize
                + " entries of this stop's timeline (looked for: "
                + wanted
                + ").";
    return withLastSign(text, lastSign, lang);
  }

  static String notReached(
      String divergence, List<StepMatcher> lookedFor, TimelineEntry lastSign, Language lang) {
    String wanted = wanted(lookedFor);
    String text =
        ko(lang)
            ? "도달하지 않음: 이 단계가 일어나기 전에 정류장이 멈췄습니다("
                + divergence
                + "). 주입된 실패이지 문서의 오류가 아닙니다(찾은 것: "
                + wanted
                + ")."
            : "Not reached: the stop broke off ("
                + divergence
                + ") before this step could happen; an injected failure, not a documentation"
                + " error (looked for: "
                + wanted
                + ").";
    return withLastSign(text, lastSign, lang);
  }

  private static String wanted(List<StepMatcher> lookedFor) {
    return lookedFor.stream().map(StepMatcher::describe).collect(Collectors.joining("; "));
  }

  /** Where a broken flow stopped: the last entry of a component the step looked for. */
  private static String withLastSign(String text, TimelineEntry lastSign, Language lang) {
    if (lastSign == null) {
      return text;
    }
    return text
        + (ko(lang)
            ? " " + lastSign.component + "의 마지막 흔적: " + entry(lastSign, lang) + "."
            : " Last sign of " + lastSign.component + ": " + entry(lastSign, lang) + ".");
  }

  /**
   * Entries joined in causal order: "then" only where one provably happened before the next (and
   * both are about the same pod); otherwise they are joined as concurrent.
   */
  static String chain(List<TimelineEntry> entries, Language lang) {
    StringBuilder out = new StringBuilder();
    TimelineEntry previous = null;
    for (TimelineEntry e : entries) {
      if (previous != null) {
        boolean then =
            FlowMatcher.samePodOrNotPods(previous, e) && CausalOrder.happenedBefore(previous, e);
        if (then) {
          out.append(ko(lang) ? "; 이어서 " : "; then ");
        } else {
          out.append(ko(lang) ? "; 그리고 (순서는 증명되지 않음) " : "; and (order not proven) ");
        }
      }
      out.append(entry(e, lang));
      previous = e;
    }
    return out.toString();
  }

  /** One entry with everything a reader needs to find it in the timeline and check its place. */
  static String entry(TimelineEntry e, Language lang) {
    List<String> details = new ArrayList<>();
    if (ko(lang) && e.object != null) {
      details.add(e.object);
    }
    if (e.order != null) {
      details.add("#" + e.order);
    }
    if (e.revision != null) {
      details.add("etcd revision " + e.revision);
    }
    if (e.time != null) {
      details.add(ko(lang) ? clockKo(e) + " " + e.time + ", 정밀도 " + e.precision : clock(e));
    }
    if (e.offsetMs != null) {
      details.add(ko(lang) ? "+" + e.offsetMs + " ms까지" : "by +" + e.offsetMs + " ms");
    }
    if (e.count != null && e.count > 1) {
      details.add((ko(lang) ? "횟수 " : "count ") + e.count);
    }
    String direct = direct(e);
    if (direct != null) {
      details.add((ko(lang) ? "직접 증거: " : "directly: ") + direct);
    }
    if (ko(lang)) {
      return e.component + "의 " + e.reason + " (" + String.join(", ", details) + ")";
    }
    String on = e.object == null ? "" : " on " + e.object;
    return e.reason + " by " + e.component + on + " (" + String.join(", ", details) + ")";
  }

  /**
   * What the interaction itself showed: an audited request or traced call is its whole message; a
   * record of a write with those merged in carries them after its own text.
   */
  private static String direct(TimelineEntry e) {
    if (e.message == null) {
      return null;
    }
    if ("audit".equals(e.source) || "trace".equals(e.source)) {
      return e.message;
    }
    int merged = e.via == null || e.via.isEmpty() ? -1 : e.message.indexOf(" · ");
    return merged < 0 ? null : e.message.substring(merged + 3);
  }

  /**
   * Whose clock {@code time} is: the event's recorder, the object's writer, the operator, or, for a
   * write with its audited request or traced etcd write merged in, the API server's.
   */
  private static String clock(TimelineEntry e) {
    String what =
        switch (clockSource(e)) {
          case "event" -> "event time";
          case "request" -> "sent at";
          case "audit" -> "received by the API server at";
          case "trace" -> "span start";
          default -> "object's own timestamp";
        };
    return what + " " + e.time + " (precision " + e.precision + ")";
  }

  /** The record whose time the entry carries (a merged request's time replaces a watch's). */
  private static String clockSource(TimelineEntry e) {
    String source = e.source == null ? "" : e.source;
    if (source.equals("request") || source.equals("audit") || e.via == null) {
      return source;
    }
    return e.via.contains("audit") ? "audit" : e.via.contains("trace") ? "trace" : source;
  }

  private static String clockKo(TimelineEntry e) {
    return switch (clockSource(e)) {
      case "event" -> "이벤트 시각";
      case "request" -> "요청 보낸 시각";
      case "audit" -> "API 서버가 요청을 받은 시각";
      case "trace" -> "스팬 시작 시각";
      default -> "오브젝트 자체 타임스탬프";
    };
  }

  private static boolean ko(Language lang) {
    return lang == Language.ko;
  }
}
