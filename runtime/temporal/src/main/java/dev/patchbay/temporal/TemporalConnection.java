package dev.patchbay.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.grpc.netty.shaded.io.netty.handler.ssl.NotSslRecordException;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.util.concurrent.TimeUnit;

/** A connection to a Temporal frontend and the client over it; closing it closes the connection. */
public final class TemporalConnection implements AutoCloseable {

  private static final Duration REACH_TIMEOUT = Duration.ofSeconds(10);

  private final WorkflowServiceStubs service;
  private final WorkflowClient client;
  private final TemporalSettings settings;

  private TemporalConnection(WorkflowServiceStubs service, WorkflowClient client, TemporalSettings settings) {
    this.service = service;
    this.client = client;
    this.settings = settings;
  }

  /**
   * Connects, and asks the service for its namespace once.
   *
   * @param converter how payloads are written and read: {@link SealingPayloadCodec#converter} with the runtime's
   *     master key, the same in every process of one installation
   * @throws TemporalUnavailableException the service cannot be reached, or has no such namespace
   * @throws TemporalAccessException the TLS files cannot be used, the TLS handshake failed (the server's certificate
   *     is not trusted, or the server speaks plaintext), or the service refused the credentials (the API key, the
   *     client certificate)
   */
  public static TemporalConnection open(TemporalSettings settings, DataConverter converter)
      throws TemporalUnavailableException, TemporalAccessException {
    WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder()
        .setTarget(settings.target());
    TemporalAccess access = settings.access();
    if (access.tls()) {
      options.setSslContext(sslContext(access));
    }
    access.apiKey().ifPresent(key -> options.addApiKey(key::reveal));
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(options.build());
    try {
      service.blockingStub().withDeadlineAfter(REACH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(settings.namespace()).build());
    } catch (StatusRuntimeException e) {
      service.shutdownNow();
      throw refused(settings, e);
    }
    return new TemporalConnection(service, WorkflowClient.newInstance(service,
        WorkflowClientOptions.newBuilder().setNamespace(settings.namespace()).setDataConverter(converter).build()),
        settings);
  }

  /**
   * Why the service could not be used: thrown when it is the access given (TLS, credentials: configuration), else
   * returned (reaching it, or its namespace).
   */
  private static TemporalUnavailableException refused(TemporalSettings settings, StatusRuntimeException e)
      throws TemporalAccessException {
    TemporalAccess access = settings.access();
    Status.Code code = e.getStatus().getCode();
    String status = code + (e.getStatus().getDescription() == null ? "" : ": " + e.getStatus().getDescription());
    if (code == Status.Code.UNAUTHENTICATED || code == Status.Code.PERMISSION_DENIED) {
      String credentials = access.apiKey().isPresent() ? "the API key (--temporal-api-key-file, or "
          + "PATCHBAY_TEMPORAL_API_KEY)" : access.clientCertificate().isPresent() ? "the client certificate "
          + access.clientCertificate().get() : "calls without credentials";
      throw new TemporalAccessException("Temporal at " + settings.target() + " refused " + credentials + " (" + status
          + "): check " + (access.apiKey().isPresent() || access.clientCertificate().isPresent()
          ? "that it is valid and allowed namespace " + settings.namespace()
          : "which credentials it asks for (an API key, or a client certificate)"));
    }
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof NotSslRecordException) {
        throw new TemporalAccessException("Temporal at " + settings.target() + " does not speak TLS (its answer was "
            + "not a TLS record): drop --temporal-tls and the TLS files for a plaintext server such as a development "
            + "one, where no API key can be sent either, or give the address where it speaks TLS");
      }
      if (cause instanceof SSLException) {
        throw new TemporalAccessException("the TLS handshake with Temporal at " + settings.target() + " failed ("
            + cause.getMessage() + "): check that --temporal-tls-ca names the authority that signed the server's "
            + "certificate (else the JVM's authorities must), and for mutual TLS --temporal-tls-cert and "
            + "--temporal-tls-key");
      }
    }
    String why = code == Status.Code.NOT_FOUND ? "it has no namespace " + settings.namespace() : status;
    return new TemporalUnavailableException("Temporal at " + settings.target() + " cannot be used (" + why
        + "). Check that it runs there, or start one to try: temporal server start-dev"
        + (access.tls() ? "" : "; a server that expects TLS needs --temporal-tls"));
  }

  private static SslContext sslContext(TemporalAccess access) throws TemporalAccessException {
    SimpleSslContextBuilder builder;
    if (access.clientCertificate().isPresent()) {
      try (InputStream certificate = Files.newInputStream(access.clientCertificate().get());
          InputStream key = Files.newInputStream(access.clientKey().orElseThrow())) {
        builder = SimpleSslContextBuilder.forPKCS8(certificate, key);
        // The builder reads the streams when it builds.
        if (access.serverCa().isPresent()) {
          builder.setTrustManager(trustManager(access.serverCa().get()));
        }
        return builder.build();
      } catch (IOException | IllegalArgumentException e) {
        throw new TemporalAccessException("the client certificate " + access.clientCertificate().get()
            + " and its key " + access.clientKey().get() + " cannot be used (" + e.getMessage()
            + "): give a PEM certificate chain and its PKCS#8 PEM private key");
      }
    }
    builder = SimpleSslContextBuilder.noKeyOrCertChain();
    if (access.serverCa().isPresent()) {
      builder.setTrustManager(trustManager(access.serverCa().get()));
    }
    try {
      return builder.build();
    } catch (SSLException e) {
      throw new TemporalAccessException("TLS cannot be set up: " + e.getMessage());
    }
  }

  private static TrustManager trustManager(Path ca) throws TemporalAccessException {
    try (InputStream in = Files.newInputStream(ca)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int index = 0;
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + index++, certificate);
      }
      if (index == 0) {
        throw new TemporalAccessException("the server CA file " + ca + " holds no certificate: give the PEM "
            + "certificate of the authority that signed the Temporal server's");
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory.getTrustManagers()[0];
    } catch (IOException | GeneralSecurityException e) {
      throw new TemporalAccessException("the server CA file " + ca + " cannot be used (" + e.getMessage()
          + "): give the PEM certificate of the authority that signed the Temporal server's");
    }
  }

  public WorkflowClient client() {
    return client;
  }

  public TemporalSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    service.shutdown();
  }
}
