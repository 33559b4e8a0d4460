package io.clustertour.operator.receive;

import java.util.List;

/** Where the receivers hand what they accepted; called on the receivers' threads, so quick. */
public interface EvidenceSink {
  /** Requests from one audit batch, in the batch's order; returns how many concern a tour. */
  int audited(List<AuditRecord> records);

  /** Spans from one OTLP export; returns how many concern a tour (as far as is known yet). */
  int traced(List<Span> spans);
}
