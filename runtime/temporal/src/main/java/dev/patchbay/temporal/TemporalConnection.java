package dev.patchbay.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

/** A connection to a Temporal frontend and the client over it; closing it closes the connection. */
public final class TemporalConnection implements AutoCloseable {

  private final WorkflowServiceStubs service;
  private final WorkflowClient client;
  private final TemporalSettings settings;

  private TemporalConnection(WorkflowServiceStubs service, WorkflowClient client, TemporalSettings settings) {
    this.service = service;
    this.client = client;
    this.settings = settings;
  }

  /** Connects lazily: the first call fails when the frontend cannot be reached. */
  public static TemporalConnection open(TemporalSettings settings) {
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
        .setTarget(settings.target()).build());
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
