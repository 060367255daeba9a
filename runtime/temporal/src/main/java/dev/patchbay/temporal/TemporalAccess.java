package dev.patchbay.temporal;

import dev.patchbay.engine.secrets.Secret;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a connection to Temporal proves itself and protects its traffic: plaintext (a development server, a private
 * network), TLS (checking the server against the JVM's trusted authorities or a CA file of its own), mutual TLS with
 * a client certificate and key, and an API key (Temporal Cloud) sent as a bearer token over TLS. An API key never
 * turns TLS on by itself (a key left in the environment must not change how a development server is spoken to), and
 * is never sent in plaintext: it needs TLS asked for.
 *
 * @param tls whether to speak TLS; implied by the certificate and CA files, required by an API key
 * @param clientCertificate the client certificate chain (PEM), for mutual TLS, with {@code clientKey}
 * @param clientKey the client certificate's private key (PKCS#8 PEM)
 * @param serverCa the authority (PEM) the server's certificate must chain to, when the JVM's do not cover it
 * @param apiKey the API key, sent with each call; never logged
 */
public record TemporalAccess(boolean tls, Optional<Path> clientCertificate, Optional<Path> clientKey,
    Optional<Path> serverCa, Optional<Secret> apiKey) {

  /** Plaintext, no credentials: a development server. */
  public static final TemporalAccess PLAINTEXT = new TemporalAccess(false, Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty());

  public TemporalAccess {
    if (clientCertificate.isPresent() != clientKey.isPresent()) {
      throw new IllegalArgumentException("a client certificate goes with its key: give both or neither");
    }
    tls = tls || clientCertificate.isPresent() || serverCa.isPresent();
    if (apiKey.isPresent() && !tls) {
      throw new IllegalArgumentException("an API key is sent only over TLS: ask for TLS with it");
    }
  }

  @Override
  public String toString() {
    return "TemporalAccess[tls=" + tls + ", clientCertificate=" + clientCertificate.orElse(null) + ", serverCa="
        + serverCa.orElse(null) + ", apiKey=" + (apiKey.isPresent() ? "(set)" : "(none)") + "]";
  }
}
