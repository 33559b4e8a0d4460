package io.clustertour.operator.receive;

import java.util.List;

/** Where the receivers hand what they accepted; called on the receivers' threads, so quick. */
public interface EvidenceSink {
  /** Requests from one audit batch, in the batch's order. */
  void audited(List<AuditRecord> records);

  /** Spans from one OTLP export. */
  void traced(List<Span> spans);
}
