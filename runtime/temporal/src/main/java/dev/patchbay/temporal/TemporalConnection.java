package dev.patchbay.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
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
   * @throws TemporalAccessException the TLS files cannot be used
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
      String why = e.getStatus().getCode() == Status.Code.NOT_FOUND ? "it has no namespace " + settings.namespace()
          : e.getStatus().getCode() + (e.getStatus().getDescription() == null ? ""
              : ": " + e.getStatus().getDescription());
      throw new TemporalUnavailableException("Temporal at " + settings.target() + " cannot be used (" + why
          + "). Check that it runs there, or start one to try: temporal server start-dev");
    }
    return new TemporalConnection(service, WorkflowClient.newInstance(service,
        WorkflowClientOptions.newBuilder().setNamespace(settings.namespace()).setDataConverter(converter).build()),
        settings);
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
