package io.clustertour.operator.testsupport;

import io.clustertour.operator.api.ClusterTour;
import io.clustertour.operator.api.StopStatus;
import io.clustertour.operator.api.TimelineEntry;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which Kubernetes Events, seen independently of the operator, appear in a tour's status timelines:
 * the completeness check of the fault tests and the benchmark. Pure.
 */
public final class EventCoverage {
  private EventCoverage() {}

  /** One Event as an independent observer saw it first; {@code receivedAt} may be null. */
  public record EventRef(
      String uid,
      String namespace,
      String object,
      String reason,
      String component,
      Instant time,
      String precision,
      Instant receivedAt) {

    /** The Event's identity and best time, read the way a learner's kubectl would show it. */
    public static EventRef of(Event e, Instant receivedAt) {
      String kind = e.getInvolvedObject() == null ? null : e.getInvolvedObject().getKind();
      String name = e.getInvolvedObject() == null ? null : e.getInvolvedObject().getName();
      Instant micro = e.getEventTime() == null ? null : parse(e.getEventTime().getTime());
      Instant seconds =
          first(
              parse(e.getLastTimestamp()),
              parse(e.getFirstTimestamp()),
              parse(e.getMetadata().getCreationTimestamp()));
      return new EventRef(
          e.getMetadata().getUid(),
          e.getMetadata().getNamespace(),
          kind + "/" + name,
          e.getReason(),
          EventCoverage.component(e),
          micro != null ? micro : seconds,
          micro != null ? "us" : "s",
          receivedAt);
    }

    String key() {
      return object + "|" + reason + "|" + component;
    }
  }

  /** An Event and the timeline entry (of the named stop) that shows it. */
  public record Match(EventRef event, String stop, TimelineEntry entry) {}

  /** Matched and missing Events, and the entries the stops dropped because of their cap. */
  public record Result(List<Match> matched, List<EventRef> missing, int droppedEntries) {
    /** Missing Events the dropped-entries counters can account for. */
    public int accountedByDropped() {
      return Math.min(missing.size(), droppedEntries);
    }

    /** Share of Events shown or accounted for; 1 when there was nothing to show. */
    public double completeness() {
      int total = matched.size() + missing.size();
      return total == 0 ? 1.0 : (matched.size() + accountedByDropped()) / (double) total;
    }
  }

  /**
   * Pairs each Event with an unused event entry of any stop that has the same involved object,
   * reason and component: first those whose time is the Event's own, then the rest in time order.
   */
  public static Result of(ClusterTour tour, Collection<EventRef> events) {
    Map<String, List<Candidate>> entries = new LinkedHashMap<>();
    int dropped = 0;
    if (tour.getStatus() != null) {
      for (StopStatus stop : tour.getStatus().stops) {
        dropped += stop.droppedEntries == null ? 0 : stop.droppedEntries;
        for (TimelineEntry e : stop.timeline) {
          if ("event".equals(e.source)) {
            entries
                .computeIfAbsent(
                    e.object + "|" + e.reason + "|" + e.component, k -> new ArrayList<>())
                .add(new Candidate(stop.name, e));
          }
        }
      }
    }
    List<EventRef> sorted =
        events.stream()
            .sorted(
                Comparator.comparing(
                        EventRef::time, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(
                        EventRef::receivedAt, Comparator.nullsLast(Comparator.naturalOrder())))
            .toList();
    Set<Candidate> used = new HashSet<>();
    Map<EventRef, Match> matches = new LinkedHashMap<>();
    for (EventRef event : sorted) {
      entries.getOrDefault(event.key(), List.of()).stream()
          .filter(c -> !used.contains(c) && Objects.equals(parse(c.entry.time), event.time()))
          .findFirst()
          .ifPresent(c -> matches.put(event, use(used, c, event)));
    }
    List<EventRef> missing = new ArrayList<>();
    for (EventRef event : sorted) {
      if (matches.containsKey(event)) {
        continue;
      }
      entries.getOrDefault(event.key(), List.of()).stream()
          .filter(c -> !used.contains(c))
          .findFirst()
          .ifPresentOrElse(c -> matches.put(event, use(used, c, event)), () -> missing.add(event));
    }
    List<Match> matched = sorted.stream().filter(matches::containsKey).map(matches::get).toList();
    return new Result(matched, missing, dropped);
  }

  private static Match use(Set<Candidate> used, Candidate c, EventRef event) {
    used.add(c);
    return new Match(event, c.stop, c.entry);
  }

  /**
   * Same rule as the operator: events.k8s.io writers fill reportingComponent, legacy ones source.
   */
  static String component(Event e) {
    if (e.getReportingComponent() != null && !e.getReportingComponent().isBlank()) {
      return e.getReportingComponent();
    }
    if (e.getSource() != null
        && e.getSource().getComponent() != null
        && !e.getSource().getComponent().isBlank()) {
      return e.getSource().getComponent();
    }
    return "unknown";
  }

  /** RFC 3339 to Instant; null when absent or unreadable. */
  public static Instant parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private static Instant first(Instant... candidates) {
    for (Instant i : candidates) {
      if (i != null) {
        return i;
      }
    }
    return null;
  }

  // identity semantics on purpose: two identical entries are two timeline rows
  private static final class Candidate {
    final String stop;
    final TimelineEntry entry;

    Candidate(String stop, TimelineEntry entry) {
      this.stop = stop;
      this.entry = entry;
    }
  }
}
