package dev.patchbay.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.secrets.Secret;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testserver.TestServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a connection tells what the operator must configure (TLS, credentials: exit 5 in the CLI) from a service
 * that cannot be reached: a real Temporal test server spoken to over TLS, a TLS server whose certificate is not
 * trusted, and a TLS server refusing the API key (a gRPC server on the wire, as Temporal Cloud answers).
 */
class TemporalConnectionTest {

  private static final String API_KEY_CANARY = "canary-temporal-api-key-5d2e";
  private static final char[] STORE_PASSWORD = "changeit".toCharArray();

  @TempDir
  Path folder;

  @Test
  void tlsToAPlaintextServerSaysItDoesNotSpeakTls() throws Exception {
    int port = freePort();
    try (TestServer.PortBoundTestServer temporal = TestServer.createPortBoundServer(port)) {
      TemporalSettings plaintext = TemporalSettings.of("127.0.0.1:" + port);
      TemporalConnection.open(plaintext, DefaultDataConverter.STANDARD_INSTANCE).close();

      TemporalAccessException e = assertThrows(TemporalAccessException.class, () -> TemporalConnection.open(
          plaintext.withAccess(tls(Optional.empty(), Optional.empty())), DefaultDataConverter.STANDARD_INSTANCE));
      assertTrue(e.getMessage().contains("does not speak TLS"), e.getMessage());
      assertTrue(e.getMessage().contains("drop --temporal-tls"), e.getMessage());
    }
  }

  @Test
  void aServerCertificateNotTrustedIsATlsHandshakeFailure() throws Exception {
    certificate();
    Server server = tlsServer(new AtomicReference<>());
    try {
      TemporalAccessException e = assertThrows(TemporalAccessException.class, () -> TemporalConnection.open(
          TemporalSettings.of("127.0.0.1:" + server.getPort()).withAccess(tls(Optional.empty(), Optional.empty())),
          DefaultDataConverter.STANDARD_INSTANCE));
      assertTrue(e.getMessage().startsWith("the TLS handshake with Temporal at 127.0.0.1:" + server.getPort()
          + " failed"), e.getMessage());
      assertTrue(e.getMessage().contains("--temporal-tls-ca"), e.getMessage());
    } finally {
      server.shutdownNow();
    }
  }

  @Test
  void anApiKeyTheServerRefusesIsNamedAndNeverShown() throws Exception {
    Path ca = certificate();
    AtomicReference<String> sent = new AtomicReference<>();
    Server server = tlsServer(sent);
    try {
      TemporalAccessException e = assertThrows(TemporalAccessException.class, () -> TemporalConnection.open(
          TemporalSettings.of("localhost:" + server.getPort()).withAccess(tls(Optional.of(ca),
              Optional.of(Secret.of(API_KEY_CANARY)))), DefaultDataConverter.STANDARD_INSTANCE));
      assertTrue(e.getMessage().startsWith("Temporal at localhost:" + server.getPort() + " refused the API key"),
          e.getMessage());
      assertFalse(e.getMessage().contains(API_KEY_CANARY), e.getMessage());
      assertEquals("Bearer " + API_KEY_CANARY, sent.get(), "sent over TLS, as a bearer token");
    } finally {
      server.shutdownNow();
    }
  }

  @Test
  void anApiKeyNeverTurnsTlsOnByItself() {
    assertThrows(IllegalArgumentException.class, () -> new TemporalAccess(false, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of(Secret.of(API_KEY_CANARY))));
  }

  private static TemporalAccess tls(Optional<Path> ca, Optional<Secret> apiKey) {
    return new TemporalAccess(true, Optional.empty(), Optional.empty(), ca, apiKey);
  }

  /**
   * A gRPC server over TLS with a self-signed certificate for localhost, answering every call UNAUTHENTICATED, as a
   * service refusing the credentials does; {@code authorization} gets the header it was sent.
   */
  private Server tlsServer(AtomicReference<String> authorization) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(folder.resolve("server.p12"))) {
      store.load(in, STORE_PASSWORD);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, STORE_PASSWORD);
    ServerInterceptor refuse = new ServerInterceptor() {
      @Override
      public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
          ServerCallHandler<Q, A> next) {
        authorization.set(headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER)));
        call.close(Status.UNAUTHENTICATED.withDescription("invalid API key"), new Metadata());
        return new ServerCall.Listener<>() { };
      }
    };
    return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .sslContext(GrpcSslContexts.configure(SslContextBuilder.forServer(keys)).build())
        .addService(ServerInterceptors.intercept(new WorkflowServiceGrpc.WorkflowServiceImplBase() { }, refuse))
        .build().start();
  }

  /** Makes a self-signed certificate for localhost with the JDK's keytool: the key store and the PEM certificate. */
  private Path certificate() throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Path pem = folder.resolve("server.pem");
    run(List.of(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2", "-keystore",
        folder.resolve("server.p12").toString(), "-storetype", "PKCS12", "-storepass", new String(STORE_PASSWORD)));
    run(List.of(keytool.toString(), "-exportcert", "-rfc", "-alias", "server", "-keystore",
        folder.resolve("server.p12").toString(), "-storepass", new String(STORE_PASSWORD), "-file", pem.toString()));
    return pem;
  }

  private void run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(folder.resolve("keytool.log").toFile()).start();
    assertEquals(0, process.waitFor(), () -> command + " failed: " + read(folder.resolve("keytool.log")));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
