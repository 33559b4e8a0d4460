package io.clustertour.operator.observe;

import io.clustertour.operator.api.ClusterInfo;
import java.util.List;

/**
 * What the Inventory stop read.
 *
 * @param cluster the cluster summary for the tour status
 * @param timeline findings as observations with source {@code inventory}, in seq order
 * @param listsFromWatchCache whether consistent lists are served from the API server's watch cache
 *     ({@code null}: could not tell)
 */
public record InventoryResult(
    ClusterInfo cluster, List<Observation> timeline, Boolean listsFromWatchCache) {}
