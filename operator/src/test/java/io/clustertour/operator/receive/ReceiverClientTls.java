package io.clustertour.operator.receive;

import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/** The test certificates' receivers on loopback, and a client's TLS context for the webhook. */
public final class ReceiverClientTls {
  private ReceiverClientTls() {}

  /** Presents {@code cert}/{@code key} and trusts servers signed by {@code ca}. */
  public static SSLContext of(Path cert, Path key, Path ca) {
    // the same key and trust managers serve either side of a mutual TLS session
    return PemFiles.serverContext(cert, key, ca);
  }

  /**
   * Both receivers on loopback, on free ports, serving the test certificates of {@code tls}
   * (receiver.crt/key, callers signed by test-ca.crt).
   */
  public static Receivers.Settings loopbackSettings(Path tls) {
    return new Receivers.Settings(
        0,
        "127.0.0.1",
        tls.resolve("receiver.crt"),
        tls.resolve("receiver.key"),
        tls.resolve("test-ca.crt"),
        0,
        "127.0.0.1");
  }
}
