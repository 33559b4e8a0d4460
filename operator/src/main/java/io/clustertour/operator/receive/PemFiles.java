package io.clustertour.operator.receive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS material from the PEM files Kubernetes tooling writes (certificates, PKCS#8 keys). */
final class PemFiles {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");
  private static final char[] NO_PASSWORD = new char[0];

  private PemFiles() {}

  /**
   * A server context presenting {@code cert}/{@code key} that trusts client certificates signed by
   * {@code clientCa}.
   */
  static SSLContext serverContext(Path cert, Path key, Path clientCa) {
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "server", privateKey(key), NO_PASSWORD, certificates(cert).toArray(Certificate[]::new));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, NO_PASSWORD);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      int i = 0;
      for (Certificate ca : certificates(clientCa)) {
        trust.setCertificateEntry("ca" + i++, ca);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "Cannot build TLS from " + cert + ", " + key + " and " + clientCa + ": " + e.getMessage(),
          e);
    }
  }

  static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<Certificate> out = new ArrayList<>();
    for (byte[] der : blocks(file, "CERTIFICATE")) {
      out.add(factory.generateCertificate(new ByteArrayInputStream(der)));
    }
    if (out.isEmpty()) {
      throw new IOException("no CERTIFICATE block in " + file);
    }
    return out;
  }

  static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
    List<byte[]> der = blocks(file, "PRIVATE KEY");
    if (der.isEmpty()) {
      // PKCS#1 "RSA PRIVATE KEY" would need an ASN.1 rewrap; openssl pkcs8 -topk8 converts it
      throw new IOException("no PKCS#8 'PRIVATE KEY' block in " + file);
    }
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der.get(0));
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException wrongAlgorithm) {
        // try the next one
      }
    }
    throw new IOException("unsupported key algorithm in " + file);
  }

  private static List<byte[]> blocks(Path file, String type) throws IOException {
    Matcher m = BLOCK.matcher(Files.readString(file, StandardCharsets.US_ASCII));
    List<byte[]> out = new ArrayList<>();
    while (m.find()) {
      if (m.group(1).equals(type)) {
        out.add(Base64.getMimeDecoder().decode(m.group(2)));
      }
    }
    return out;
  }
}
