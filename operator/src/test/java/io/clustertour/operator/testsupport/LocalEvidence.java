package io.clustertour.operator.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The evidence receivers' settings for the project's local cluster, whose API server and kubelet
 * send their audit stream and traces to fixed ports on this host (hack/local-cluster/evidence.sh).
 */
public final class LocalEvidence {
  public static final int AUDIT_PORT = 9443;
  public static final int OTLP_PORT = 14317;

  private LocalEvidence() {}

  /** True when {@code kubeconfig} is the local cluster's and it has the receivers' certificates. */
  public static boolean available(Path kubeconfig) {
    return Files.isRegularFile(pki(kubeconfig).resolve("evidence-receiver.crt"));
  }

  /** The operator's environment for the receivers, empty for any other cluster. */
  public static Map<String, String> receiverEnv(Path kubeconfig) {
    if (!available(kubeconfig)) {
      return Map.of();
    }
    Path pki = pki(kubeconfig);
    return Map.of(
        "AUDIT_WEBHOOK_PORT", Integer.toString(AUDIT_PORT),
        "AUDIT_WEBHOOK_BIND", "127.0.0.1",
        "AUDIT_TLS_CERT", pki.resolve("evidence-receiver.crt").toString(),
        "AUDIT_TLS_KEY", pki.resolve("evidence-receiver.key").toString(),
        "AUDIT_CLIENT_CA", pki.resolve("ca.crt").toString(),
        "OTLP_GRPC_PORT", Integer.toString(OTLP_PORT));
  }

  private static Path pki(Path kubeconfig) {
    return kubeconfig.toAbsolutePath().getParent().resolve("pki");
  }
}
