package io.clustertour.operator.observe;

import io.clustertour.operator.api.TimelineEntry;
import java.util.List;

/**
 * A stop's capped timeline.
 *
 * @param entries at most {@link TimelineBuilder#CAP} entries, in causal order
 * @param dropped entries of the window left out by the cap
 * @param repeated events in the window whose count grew after they were first seen
 * @param revisions whether Event revisions could order Events among object writes
 */
public record TimelineResult(
    List<TimelineEntry> entries, int dropped, int repeated, RevisionSpace revisions) {}
