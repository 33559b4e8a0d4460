package io.clustertour.operator.receive;

import java.time.Instant;

/**
 * One request as the API server's audit stream reports it (level Metadata, stage ResponseComplete
 * or, for watches, ResponseStarted): who called, what, and when by the API server's own clock.
 *
 * @param auditId the API server's id of the request (also on its trace spans)
 * @param stage audit stage
 * @param user the caller's user name, e.g. {@code system:kube-scheduler}
 * @param userAgent the caller's user agent
 * @param verb API verb (create, update, patch, delete, get, watch, ...)
 * @param requestUri path and query of the request
 * @param apiGroup group of the resource ("" for core)
 * @param resource resource, e.g. {@code pods}
 * @param subresource subresource, e.g. {@code binding}, or {@code null}
 * @param namespace namespace of the object, or {@code null}
 * @param name name of the object, or {@code null} (a create by generateName)
 * @param uid uid of the object when the request names it, or {@code null}
 * @param code HTTP status of the answer (0 when not yet answered)
 * @param received when the API server received the request (microseconds)
 * @param completed when the API server reached this stage (microseconds)
 */
public record AuditRecord(
    String auditId,
    String stage,
    String user,
    String userAgent,
    String verb,
    String requestUri,
    String apiGroup,
    String resource,
    String subresource,
    String namespace,
    String name,
    String uid,
    int code,
    Instant received,
    Instant completed) {}
