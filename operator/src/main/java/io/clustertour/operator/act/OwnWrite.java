package io.clustertour.operator.act;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;

/**
 * One write the operator made, as the API server answered it: the request step of a stop comes from
 * here (the answer's resourceVersion is the write's etcd revision), not from a later watch.
 *
 * @param verb create, patch or delete
 * @param before the object before the write ({@code null} for a creation)
 * @param after the object the API server returned
 * @param sentAt when the request left the operator (operator clock)
 * @param answeredAt when the answer arrived (operator clock)
 */
public record OwnWrite(
    String verb, HasMetadata before, HasMetadata after, Instant sentAt, Instant answeredAt) {}
