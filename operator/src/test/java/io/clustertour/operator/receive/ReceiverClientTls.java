package io.clustertour.operator.receive;

import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/** A client's TLS context for the audit webhook (its certificate, key and the CA it trusts). */
public final class ReceiverClientTls {
  private ReceiverClientTls() {}

  /** Presents {@code cert}/{@code key} and trusts servers signed by {@code ca}. */
  public static SSLContext of(Path cert, Path key, Path ca) {
    // the same key and trust managers serve either side of a mutual TLS session
    return PemFiles.serverContext(cert, key, ca);
  }
}
