package io.clustertour.operator.diagram;

/**
 * One participant of a sequence diagram.
 *
 * @param id stable key arrows refer to (e.g. "controller:replicaset-controller")
 * @param lane the group it belongs to, which fixes its column order
 * @param label the name printed on top of the lifeline
 */
public record Lifeline(String id, Lane lane, String label) {}
