package io.clustertour.operator.observe;

import io.clustertour.operator.api.TimelineEntry;
import java.util.List;

/**
 * A stop's capped timeline.
 *
 * @param entries at most {@link TimelineBuilder#CAP} entries, ordered by seq
 * @param dropped entries of the window left out by the cap
 * @param repeated events in the window whose count grew after they were first seen
 */
public record TimelineResult(List<TimelineEntry> entries, int dropped, int repeated) {}
