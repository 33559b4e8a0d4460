package io.clustertour.operator.diagram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lifelines in column order and arrows in the order they happened (observed) or are told
 * (documented).
 */
public record SequenceDiagram(List<Lifeline> lifelines, List<Arrow> arrows) {

  public SequenceDiagram {
    lifelines = List.copyOf(lifelines);
    arrows = List.copyOf(arrows);
  }

  /** The column of a lifeline, or -1. */
  public int column(String lifelineId) {
    for (int i = 0; i < lifelines.size(); i++) {
      if (lifelines.get(i).id().equals(lifelineId)) {
        return i;
      }
    }
    return -1;
  }

  /** The pods that arrows are about, in the order they first appear. */
  public List<String> pods() {
    return arrows.stream().map(Arrow::pod).filter(p -> p != null).distinct().toList();
  }

  /** Collects lifelines as arrows name them and sorts them by lane, then by first use. */
  static final class Builder {
    private final Map<String, Lifeline> lifelines = new LinkedHashMap<>();
    private final List<Arrow> arrows = new ArrayList<>();

    /** The lifeline for this id, created on first use. */
    String lifeline(String id, Lane lane, String label) {
      lifelines.putIfAbsent(id, new Lifeline(id, lane, label));
      return id;
    }

    void add(Arrow arrow) {
      arrows.add(arrow);
    }

    SequenceDiagram build() {
      List<Lifeline> sorted = new ArrayList<>(lifelines.values());
      // stable sort: lifelines of one lane stay in the order the story first used them
      sorted.sort(Comparator.comparing(Lifeline::lane));
      return new SequenceDiagram(sorted, arrows);
    }
  }
}
