package dev.patchbay.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
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
   * @throws TemporalUnavailableException the service cannot be reached, or has no such namespace
   */
  public static TemporalConnection open(TemporalSettings settings) throws TemporalUnavailableException {
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
        .setTarget(settings.target()).build());
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
        WorkflowClientOptions.newBuilder().setNamespace(settings.namespace()).build()), settings);
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
