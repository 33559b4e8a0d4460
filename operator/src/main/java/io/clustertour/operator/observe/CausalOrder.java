package io.clustertour.operator.observe;

import io.clustertour.operator.api.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The rules for "A provably came before B", and the timeline order built from them.
 *
 * <p>Two questions, two rules. <b>Written before</b> orders the records themselves, for the
 * timeline: two writes with an etcd revision ({@link TimelineEntry#revision}) are ordered by it,
 * one global order exact even within a microsecond; an entry's own time ({@code time}: eventTime,
 * an object's timestamp, the operator's send time) is a lower bound and its receive time an upper
 * bound, so A came first when A's upper bound is earlier than B's lower bound (with an allowance
 * for the clocks of different hosts); two own times of one component decide when they differ by
 * more than the coarser precision; one component's Events arrive in the order it wrote them.
 *
 * <p><b>Happened before</b> orders what the records are about, for verdicts and evidence. An object
 * write is its own action. An Event reports an action that happened some time before it was
 * written, and recorders write asynchronously (the scheduler's Scheduled is often stored before the
 * controller's SuccessfulCreate for the same pod). So a record proves its action came before a
 * later <em>write</em>, while the order of two Events proves the order of their actions only within
 * one component's stream.
 *
 * <p>Whatever none of these proves is concurrent: shown so, never guessed.
 */
public final class CausalOrder {
  /** Allowance for the clocks of different hosts (operator, control plane, nodes). */
  public static final Duration CLOCK_SKEW = Duration.ofMillis(100);

  private static final String EVENT = Observation.EVENT;

  private CausalOrder() {}

  /** True when what {@code a} records provably happened before what {@code b} records. */
  public static boolean happenedBefore(TimelineEntry a, TimelineEntry b) {
    Placed pa = Placed.of(a);
    Placed pb = Placed.of(b);
    if (EVENT.equals(pb.source)) {
      // the action behind an Event has no known lower bound except in its own component's stream
      return EVENT.equals(pa.source)
          && Objects.equals(pa.component, pb.component)
          && writtenBefore(pa, pb);
    }
    return writtenBefore(pa, pb);
  }

  /** True when record {@code a} was provably written (or made) before record {@code b}. */
  public static boolean writtenBefore(TimelineEntry a, TimelineEntry b) {
    return writtenBefore(Placed.of(a), Placed.of(b));
  }

  /**
   * Sorts {@code entries} into causal order: every proven "written before" is respected; among
   * entries nothing orders, the one known to have happened earliest comes first. Sets {@code
   * order}, {@code concurrent} and {@code offsetMs} (the monotonic "happened by" bound) on each.
   */
  public static List<TimelineEntry> order(List<TimelineEntry> entries, Instant stopStart) {
    int n = entries.size();
    Placed[] placed = new Placed[n];
    for (int i = 0; i < n; i++) {
      placed[i] = Placed.of(entries.get(i));
    }
    boolean[][] before = new boolean[n][n];
    int[] waitingFor = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j && writtenBefore(placed[i], placed[j])) {
          before[i][j] = true;
          waitingFor[j]++;
        }
      }
    }
    breakCycles(placed, before, waitingFor);
    // the stop's first request leads: only what is proven to come before it may be listed above it
    // (the previous stop's tail); the proven order alone still decides what is marked concurrent
    boolean[][] placing = requestFirst(placed, before, waitingFor);
    Instant[] by = happenedBy(placed, placing, waitingFor);
    List<Integer> sorted = topological(placed, placing, waitingFor, by);
    List<TimelineEntry> out = new ArrayList<>(n);
    Integer previous = null;
    for (int i : sorted) {
      TimelineEntry e = entries.get(i);
      e.order = out.size() + 1;
      e.concurrent = previous != null && !before[previous][i] ? Boolean.TRUE : null;
      e.offsetMs =
          by[i] == null ? null : Math.max(0, Duration.between(stopStart, by[i]).toMillis());
      out.add(e);
      previous = i;
    }
    return out;
  }

  /**
   * {@code before} plus "the first request comes before X" for every X nothing places before it
   * (directly or through others); {@code waitingFor} is updated for the added edges.
   */
  private static boolean[][] requestFirst(Placed[] placed, boolean[][] before, int[] waitingFor) {
    int n = placed.length;
    int first = -1;
    for (int i = 0; i < n; i++) {
      if (placed[i].operatorClock
          && (first < 0 || compareNullsLast(placed[i].lower, placed[first].lower) < 0)) {
        first = i;
      }
    }
    boolean[][] placing = new boolean[n][];
    for (int i = 0; i < n; i++) {
      placing[i] = before[i].clone();
    }
    if (first < 0) {
      return placing;
    }
    boolean[] leadsToFirst = reaching(before, first);
    for (int j = 0; j < n; j++) {
      if (j != first && !leadsToFirst[j] && !placing[first][j]) {
        placing[first][j] = true;
        waitingFor[j]++;
      }
    }
    return placing;
  }

  /**
   * Removes the clock-based edges inside every cycle of {@code before}. Revisions never form a
   * cycle; a cycle means some clock ran off by more than the allowance, so inside it only the
   * revisions are believed and the rest is shown concurrent.
   */
  private static void breakCycles(Placed[] placed, boolean[][] before, int[] waitingFor) {
    int[] component = stronglyConnected(before);
    for (int i = 0; i < placed.length; i++) {
      for (int j = 0; j < placed.length; j++) {
        boolean byRevision = placed[i].revision != null && placed[j].revision != null;
        if (before[i][j] && component[i] == component[j] && !byRevision) {
          before[i][j] = false;
          waitingFor[j]--;
        }
      }
    }
  }

  /**
   * Kosaraju's strongly connected components of the graph {@code edge}: equal numbers for entries
   * that reach each other.
   */
  private static int[] stronglyConnected(boolean[][] edge) {
    int n = edge.length;
    boolean[] seen = new boolean[n];
    int[] finished = new int[n];
    int count = 0;
    int[] stack = new int[n];
    int[] next = new int[n];
    for (int root = 0; root < n; root++) {
      if (seen[root]) {
        continue;
      }
      int depth = 0;
      stack[0] = root;
      next[root] = 0;
      seen[root] = true;
      while (depth >= 0) {
        int v = stack[depth];
        int w = next[v];
        while (w < n && (seen[w] || !edge[v][w])) {
          w++;
        }
        next[v] = w + 1;
        if (w < n) {
          seen[w] = true;
          next[w] = 0;
          stack[++depth] = w;
        } else {
          finished[count++] = v;
          depth--;
        }
      }
    }
    int[] component = new int[n];
    Arrays.fill(component, -1);
    int components = 0;
    for (int k = n - 1; k >= 0; k--) {
      int root = finished[k];
      if (component[root] >= 0) {
        continue;
      }
      // the reversed graph's search from the latest finished entry finds exactly its component
      List<Integer> todo = new ArrayList<>(List.of(root));
      component[root] = components;
      while (!todo.isEmpty()) {
        int v = todo.remove(todo.size() - 1);
        for (int u = 0; u < n; u++) {
          if (component[u] < 0 && edge[u][v]) {
            component[u] = components;
            todo.add(u);
          }
        }
      }
      components++;
    }
    return component;
  }

  /** Which entries reach {@code target} along proven "before" edges. */
  private static boolean[] reaching(boolean[][] before, int target) {
    int n = before.length;
    boolean[] reaches = new boolean[n];
    reaches[target] = true;
    boolean grew = true;
    while (grew) {
      grew = false;
      for (int i = 0; i < n; i++) {
        if (reaches[i]) {
          continue;
        }
        for (int j = 0; j < n; j++) {
          if (before[i][j] && reaches[j]) {
            reaches[i] = true;
            grew = true;
            break;
          }
        }
      }
    }
    reaches[target] = false;
    return reaches;
  }

  /**
   * The earliest receive time of each entry or of anything proven to happen after it: the entry
   * happened by then. Nondecreasing along every proven "before"; successors are settled first by
   * walking a topological order backwards.
   */
  private static Instant[] happenedBy(Placed[] placed, boolean[][] before, int[] waitingFor) {
    int n = placed.length;
    List<Integer> anyOrder = topological(placed, before, waitingFor.clone(), new Instant[n]);
    Instant[] by = new Instant[n];
    for (int k = n - 1; k >= 0; k--) {
      int i = anyOrder.get(k);
      Instant bound = placed[i].upper;
      for (int j = 0; j < n; j++) {
        if (before[i][j] && by[j] != null && (bound == null || by[j].isBefore(bound))) {
          bound = by[j];
        }
      }
      by[i] = bound;
    }
    return by;
  }

  /**
   * Kahn's algorithm, always taking the available entry with the earliest "happened by" bound (then
   * revision, then own time, then receive order): keeps that bound nondecreasing.
   */
  private static List<Integer> topological(
      Placed[] placed, boolean[][] before, int[] waitingFor, Instant[] by) {
    int n = placed.length;
    boolean[] done = new boolean[n];
    List<Integer> sorted = new ArrayList<>(n);
    while (sorted.size() < n) {
      int pick = -1;
      for (int i = 0; i < n; i++) {
        if (!done[i] && waitingFor[i] == 0 && (pick < 0 || earlier(i, pick, placed, by))) {
          pick = i;
        }
      }
      if (pick < 0) {
        // only clocks skewed beyond the allowance can make a cycle: take the earliest left
        for (int i = 0; i < n; i++) {
          if (!done[i] && (pick < 0 || earlier(i, pick, placed, by))) {
            pick = i;
          }
        }
      }
      done[pick] = true;
      sorted.add(pick);
      for (int j = 0; j < n; j++) {
        if (before[pick][j]) {
          waitingFor[j]--;
        }
      }
    }
    return sorted;
  }

  private static boolean earlier(int i, int j, Placed[] p, Instant[] by) {
    int c = compareNullsLast(by[i], by[j]);
    if (c == 0) {
      c = compareNullsLast(p[i].revision, p[j].revision);
    }
    if (c == 0) {
      c = compareNullsLast(p[i].lower, p[j].lower);
    }
    if (c == 0) {
      c = compareNullsLast(p[i].seq, p[j].seq);
    }
    return c < 0;
  }

  private static <T extends Comparable<T>> int compareNullsLast(T a, T b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    return a.compareTo(b);
  }

  private static boolean writtenBefore(Placed a, Placed b) {
    if (a.revision != null && b.revision != null) {
      return a.revision < b.revision;
    }
    if (byClocks(a, b)) {
      return true;
    }
    // one component's Events arrive in the order its recorder wrote them, unless its clock says
    // otherwise
    return EVENT.equals(a.source)
        && EVENT.equals(b.source)
        && Objects.equals(a.component, b.component)
        && a.seq != null
        && b.seq != null
        && a.seq < b.seq
        && !byClocks(b, a);
  }

  private static boolean byClocks(Placed a, Placed b) {
    if (a.upper != null && b.lower != null) {
      Duration allowance = b.operatorClock ? Duration.ZERO : CLOCK_SKEW;
      if (a.upper.plus(allowance).isBefore(b.lower)) {
        return true;
      }
    }
    if (a.lower != null && b.lower != null) {
      // an act with a duration (an audited request, a traced call) ended at its end; two acts are
      // ordered only when one ended before the other began
      boolean oneClock = Objects.equals(a.clock, b.clock);
      Instant end = a.end != null ? a.end : a.lower.plus(a.width);
      return !end.plus(oneClock ? Duration.ZERO : CLOCK_SKEW).isAfter(b.lower);
    }
    return false;
  }

  /** An entry's bounds, parsed once. */
  private record Placed(
      Long revision,
      Instant lower,
      Duration width,
      Instant end,
      Instant upper,
      boolean operatorClock,
      String clock,
      String component,
      String source,
      Long seq) {
    static Placed of(TimelineEntry e) {
      return new Placed(
          e.revision,
          Times.parse(e.time),
          CausalOrder.width(e.precision),
          Times.parse(e.until),
          Times.parse(e.receivedAt),
          Observation.REQUEST.equals(e.source),
          CausalOrder.clock(e),
          e.component,
          e.source,
          e.seq);
    }
  }

  /**
   * Whose clock an entry's own time is on: the operator's for its requests, the API server's for
   * every audited request whoever made it, otherwise the reporting component's.
   */
  static String clock(TimelineEntry e) {
    if (Observation.REQUEST.equals(e.source)) {
      return "operator";
    }
    boolean apiServerTime =
        Interactions.AUDIT.equals(e.source)
            || (e.via != null && !Observation.EVENT.equals(e.source) && !e.via.isEmpty());
    return apiServerTime ? "kube-apiserver" : e.component;
  }

  /** One unit of the given precision: the true time lies within [time, time + width). */
  static Duration width(String precision) {
    if (Observation.MICROS.equals(precision)) {
      return Duration.ofNanos(1_000);
    }
    if (Observation.MILLIS.equals(precision)) {
      return Duration.ofMillis(1);
    }
    return Duration.ofSeconds(1);
  }
}
