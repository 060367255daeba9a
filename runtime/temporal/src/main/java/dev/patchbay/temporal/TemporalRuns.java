package dev.patchbay.temporal;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.workflows.WorkflowEnvironment;
import dev.patchbay.engine.workflows.WorkflowProblem;
import dev.patchbay.engine.workflows.WorkflowProblems;
import dev.patchbay.engine.workflows.check.CheckedWorkflow;
import dev.patchbay.engine.workflows.check.Preflight;
import dev.patchbay.engine.workflows.check.PreflightResult;
import dev.patchbay.engine.workflows.definition.Step;
import dev.patchbay.engine.workflows.execution.RunIds;
import dev.patchbay.engine.workflows.expressions.Expressions;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.temporal.workflow.PatchbayWorkflow;
import dev.patchbay.temporal.workflow.RunRequest;
import dev.patchbay.engine.workflows.RunListener;
import dev.patchbay.temporal.activity.StepProgress;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowResponse;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs Patchbay workflows on Temporal: checks a workflow file here, with this runtime's catalog and connections,
 * exactly as a local run does, then starts it as a {@link PatchbayWorkflow} that any worker on the task queue
 * carries on. Environment variables are not read ({@code env.*} is refused): what a run reads is fixed in its
 * history.
 */
public final class TemporalRuns {

  /** A step's deadline, as a local run's ({@code RunnerInvoker}): long enough for large recordings. */
  static final long STEP_TIMEOUT_SECONDS = 30 * 60;

  /** How long a question to a run waits for a worker to answer it. */
  static final Duration QUERY_WAIT = Duration.ofSeconds(10);
  /** How the checks name a reference to an environment variable. */
  private static final String ENV_REFERENCE = "env.";

  private final WorkflowClient client;
  private final TemporalSettings settings;

  public TemporalRuns(WorkflowClient client, TemporalSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  /**
   * Checks a workflow for a run on Temporal and gives what the run starts with.
   *
   * @param runId the run's id, of the form {@link #newRunId()} gives: its record's id
   * @throws WorkflowProblems the workflow does not pass the checks, or declares secret inputs (Temporal's history
   *     would keep their values)
   */
  public RunRequest prepare(PatchbayRuntime runtime, Path file, Map<String, String> inputs,
      Map<String, String> connectionOverrides, String runId) throws WorkflowProblems, ConnectorException {
    CheckedWorkflow checked = forTemporal(file, preflight(runtime).check(file, inputs, Map.of(),
        connectionOverrides));
    List<String> notIdempotent = checked.workflow().steps().stream()
        .filter(step -> !idempotent(runtime, step)).map(Step::id).collect(Collectors.toList());
    return new RunRequest(runId, checked.workflow().name(), file.toAbsolutePath().toString(),
        sha256(checked.source().text()), Json.MAPPER.writeValueAsString(checked.source().root()),
        Json.MAPPER.writeValueAsString(checked.inputs()), checked.connections(), checked.connectionOverrides(),
        notIdempotent, STEP_TIMEOUT_SECONDS, settings.heartbeatTimeout().toSeconds());
  }

  /**
   * Checks a workflow that runs on events for runs on Temporal, when a server starts with it rather than at an
   * event: the checks of a trigger workflow, without environment variables, and no secret inputs.
   *
   * @throws WorkflowProblems what would refuse every run of it on Temporal, each naming the file and the rule
   */
  public static void checkTrigger(PatchbayRuntime runtime, Path file) throws WorkflowProblems, ConnectorException {
    forTemporal(file, preflight(runtime).checkTrigger(file));
  }

  /** The runtime's checks, with no environment variables: a run on Temporal reads none. */
  private static Preflight preflight(PatchbayRuntime runtime) throws ConnectorException {
    var connections = runtime.connections();
    WorkflowEnvironment environment = WorkflowEnvironment.of(runtime.catalog(), name -> {
      try {
        return Optional.<Connection>of(connections.get(name));
      } catch (ConnectorException e) {
        return Optional.empty();
      }
    });
    return new Preflight(environment, new Expressions(Clock.systemUTC()), Map.of());
  }

  /**
   * The checked workflow, when it may run on Temporal: it passed the checks, and declares no secret inputs
   * (Temporal's history would keep their values). A reference to {@code env} is refused with Temporal's own reason.
   */
  private static CheckedWorkflow forTemporal(Path file, PreflightResult result) throws WorkflowProblems {
    CheckedWorkflow checked = result.checked().orElseThrow(() -> new WorkflowProblems(result.problems().stream()
        .map(TemporalRuns::onTemporal).toList()));
    if (!checked.secretInputs().isEmpty()) {
      throw new WorkflowProblems(List.of(new WorkflowProblem(file, 0, "/inputs", "secret inputs ("
          + String.join(", ", checked.secretInputs().stream().sorted().toList()) + ") cannot run on Temporal: "
          + "its history would keep their values; keep the secret in a connection instead")));
    }
    return checked;
  }

  /** A problem with {@code env.NAME} says why a run on Temporal reads no environment variable. */
  private static WorkflowProblem onTemporal(WorkflowProblem problem) {
    int colon = problem.message().indexOf(':');
    if (!problem.message().startsWith(ENV_REFERENCE) || colon < 0) {
      return problem;
    }
    String reference = problem.message().substring(0, colon);
    return new WorkflowProblem(problem.file(), problem.line(), problem.pointer(), reference + ": a run on Temporal "
        + "reads no environment variables (each worker has its own, and Temporal's history would keep the values); "
        + "give the value as an input");
  }

  /** A new run id, of the same form as a local run's. */
  public static String newRunId() {
    return RunIds.next(Clock.systemUTC());
  }

  /**
   * Starts a run as the Temporal workflow {@code workflowId}. While a workflow with that id exists (running, or
   * closed and kept by Temporal's retention), no other starts: a webhook delivery repeated, even to another server,
   * starts one run when its delivery key is the id.
   *
   * @param workflowId the run's id for {@code patchbay run}; for a run on an event, its delivery's key
   * @return whether this call started it
   */
  public boolean start(RunRequest request, String workflowId) {
    PatchbayWorkflow workflow = client.newWorkflowStub(PatchbayWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(settings.taskQueue())
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .build());
    try {
      WorkflowClient.start(workflow::run, request);
      return true;
    } catch (WorkflowExecutionAlreadyStarted e) {
      return false;
    }
  }

  /**
   * The run's record as it stands: asked of the run while it goes, its result once it has finished. Only a worker
   * answers, so the question waits at most {@link #QUERY_WAIT}.
   *
   * @param workflowId the id it was started with
   * @throws StatusRuntimeException no worker answered in time ({@code DEADLINE_EXCEEDED}: none polls the task queue,
   *     or none took the run's workflow task), or the run could not answer (its history does not replay)
   */
  public Optional<RunRecord> record(String workflowId) {
    QueryWorkflowResponse answer = client.getWorkflowServiceStubs().blockingStub()
        .withDeadlineAfter(QUERY_WAIT.toMillis(), TimeUnit.MILLISECONDS)
        .queryWorkflow(QueryWorkflowRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
            .setQuery(WorkflowQuery.newBuilder().setQueryType(PatchbayWorkflow.RECORD_QUERY))
            .build());
    String json = client.getOptions().getDataConverter().fromPayloads(0, Optional.of(answer.getQueryResult()),
        String.class, String.class);
    return json == null ? Optional.empty() : Optional.of(Json.MAPPER.readValue(json, RunRecord.class));
  }

  /** The run id of the run started as {@code workflowId}: what its start asked for, kept in its history. */
  public String runIdOf(String workflowId) {
    GetWorkflowExecutionHistoryResponse first = client.getWorkflowServiceStubs().blockingStub()
        .getWorkflowExecutionHistory(GetWorkflowExecutionHistoryRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
            .setMaximumPageSize(1)
            .build());
    return client.getOptions().getDataConverter().fromPayloads(0, Optional.of(first.getHistory().getEvents(0)
        .getWorkflowExecutionStartedEventAttributes().getInput()), RunRequest.class, RunRequest.class).runId();
  }

  /** Waits for a run (by the id it was started with) to finish and gives its record. */
  public RunRecord result(String workflowId) {
    String json = client.newUntypedWorkflowStub(workflowId).getResult(String.class);
    return Json.MAPPER.readValue(json, RunRecord.class);
  }

  /**
   * Follows a run until it finishes, telling {@code listener} what a local run would: steps and elements as they
   * finish, and the progress running steps report in their heartbeats. A run no worker answers for (none polls its
   * task queue yet, or all are gone) is told to {@code notice} once, and followed on from the record seen last when
   * one does. Interrupting the calling thread stops the following, never the run.
   *
   * @param notice told a line for the user when the run waits for a worker
   * @param every how often to look
   * @return the finished run's record
   */
  public RunRecord follow(String runId, RunListener listener, Consumer<String> notice, Duration every)
      throws InterruptedException {
    RunFollower follower = new RunFollower(listener);
    Optional<RunRecord> seen = Optional.empty();
    boolean toldWaiting = false;
    long unansweredSince = -1;
    while (true) {
      DescribeWorkflowExecutionResponse described = describe(runId);
      WorkflowExecutionStatus status = described.getWorkflowExecutionInfo().getStatus();
      if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        RunRecord record = status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED ? result(runId)
            : stopped(runId, seen, status);
        follower.update(record);
        return record;
      }
      Optional<RunRecord> now;
      try {
        now = record(runId);
        unansweredSince = -1;
      } catch (StatusRuntimeException unanswered) {
        // Only a worker answers a query: none polls the task queue, or none has taken the run's first workflow task
        // (which a server may say at once). Said once it lasts.
        long at = System.nanoTime();
        unansweredSince = unansweredSince < 0 ? at : unansweredSince;
        boolean lasts = unanswered.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED
            || at - unansweredSince >= QUERY_WAIT.toNanos();
        if (lasts && !toldWaiting) {
          toldWaiting = true;
          notice.accept("Waiting for a worker: none has answered for run " + runId + " on task queue "
              + settings.taskQueue() + " yet (start one with 'patchbay worker --temporal " + settings.target()
              + " --task-queue " + settings.taskQueue() + "'); following goes on once one does");
        }
        now = Optional.empty();
      }
      if (now.isPresent()) {
        seen = now;
        follower.update(now.get());
      }
      for (PendingActivityInfo activity : described.getPendingActivitiesList()) {
        if (activity.hasHeartbeatDetails()) {
          StepProgress progress = client.getOptions().getDataConverter().fromPayloads(0,
              Optional.of(activity.getHeartbeatDetails()), StepProgress.class, StepProgress.class);
          if (progress != null && (progress.done() > 0 || progress.total() > 0)) {
            listener.progress(progress.stepId(), progress.itemIndex(), progress.done(), progress.total(),
                progress.what());
          }
        }
      }
      Thread.sleep(every.toMillis());
    }
  }

  /**
   * The record of a run Temporal stopped without a result: as the run last had it, CANCELLED when it was cancelled or
   * terminated (a terminated run could not record that itself), FAILED when Temporal failed it or its time ran out.
   */
  private RunRecord stopped(String runId, Optional<RunRecord> seen, WorkflowExecutionStatus status) {
    Optional<RunRecord> last;
    try {
      last = record(runId);
    } catch (StatusRuntimeException e) {
      // Terminated in the middle of a workflow task (its history does not replay), or no worker answers: the record
      // seen last is all.
      last = seen;
    }
    RunRecord record = last.orElseThrow(() -> new StoppedUnrecorded("run " + runId + " was stopped on Temporal ("
        + status.name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase(java.util.Locale.ROOT) + ") before "
        + "any worker recorded it; 'temporal workflow describe --workflow-id " + runId + "' tells how"));
    boolean stoppedOnRequest = status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED
        || status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED;
    return record.status() != RunStatus.RUNNING ? record
        : record.withStatus(stoppedOnRequest ? RunStatus.CANCELLED : RunStatus.FAILED);
  }

  /** A run Temporal stopped (cancelled, terminated, timed out) before any worker wrote its record. */
  public static final class StoppedUnrecorded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoppedUnrecorded(String message) {
      super(message);
    }
  }

  private DescribeWorkflowExecutionResponse describe(String runId) {
    return client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
        DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(runId))
            .build());
  }

  private static boolean idempotent(PatchbayRuntime runtime, Step step) {
    return runtime.catalog().connector(step.connectorId())
        .flatMap(entry -> entry.definition().operation(step.operationId()))
        .map(operation -> operation.idempotent()).orElse(false);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(
          StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
