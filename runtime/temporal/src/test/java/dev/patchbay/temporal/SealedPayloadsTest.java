package dev.patchbay.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.store.MasterKey;
import dev.patchbay.engine.store.SealedFiles;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import dev.patchbay.temporal.workflow.PatchbayWorkflowImpl;
import dev.patchbay.temporal.workflow.RunRequest;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Payloads sealed with the master key on Temporal's test environment: an activity's output (and the run's input) is
 * nowhere in the history's bytes, the run reads it all the same, and the sealed history replays with the key, and
 * not without it.
 */
class SealedPayloadsTest {

  private static final String QUEUE = "patchbay-sealed";
  private static final String CANARY = "canary-temporal-payload-7f3a";

  private static SandboxRuntime sandbox;

  @BeforeAll
  static void startSandbox() throws Exception {
    sandbox = SandboxRuntime.start();
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @Test
  void anActivityOutputIsSealedInTheHistoryAndTheRunReadsAndReplaysIt() throws Exception {
    SealedFiles sealing = new SealedFiles(randomKey("test key"));
    try (TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
            .setDataConverter(SealingPayloadCodec.converter(sealing)).build()).build())) {
      TemporalWorker.register(temporal.newWorker(QUEUE), sandbox.activities(), sandbox.workflows().records());
      Worker replayer = temporal.newWorker(QUEUE + "-replay");
      replayer.registerWorkflowImplementationTypes(PatchbayWorkflowImpl.class);
      temporal.start();
      TemporalRuns runs = new TemporalRuns(temporal.getWorkflowClient(), TemporalSettings.of("in-process")
          .withTaskQueue(QUEUE));
      RunRequest request = runs.prepare(sandbox.runtime, Path.of("src/test/resources/workflows/create-with-topic.yaml"),
          Map.of("topic", CANARY), Map.of("zoom", sandbox.connection()), TemporalRuns.newRunId());
      assertTrue(runs.start(request, request.runId()));

      RunRecord record = runs.result(request.runId());
      assertEquals(RunStatus.SUCCEEDED, record.status());
      // The meeting the activity made has the topic: its output holds the canary, as the run read it.
      assertEquals(CANARY, record.step("create").orElseThrow().output().path("topic").asString());
      WorkflowExecutionHistory history = temporal.getWorkflowClient().fetchHistory(request.runId());
      String raw = new String(history.getHistory().toByteArray(), StandardCharsets.ISO_8859_1);
      assertFalse(raw.contains(CANARY), "the canary is in the history's bytes");
      assertTrue(raw.contains(SealingPayloadCodec.ENCODING));

      WorkflowReplayer.replayWorkflowExecution(history, replayer);
    }
  }

  @Test
  void aPayloadSealedWithAnotherKeyDoesNotOpen() throws Exception {
    SealingPayloadCodec sealed = new SealingPayloadCodec(new SealedFiles(randomKey("one key")));
    SealingPayloadCodec other = new SealingPayloadCodec(new SealedFiles(randomKey("another key")));
    var payloads = sealed.encode(java.util.List.of(io.temporal.common.converter.DefaultDataConverter
        .STANDARD_INSTANCE.toPayload(CANARY).orElseThrow()));
    var failure = assertThrows(io.temporal.payload.codec.PayloadCodecException.class,
        () -> other.decode(payloads));
    assertTrue(failure.getMessage().contains("another master key"), failure.getMessage());
    assertFalse(failure.getMessage().contains(CANARY));
  }

  private static MasterKey randomKey(String source) throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return MasterKey.fromBase64(Base64.getEncoder().encodeToString(key), source);
  }
}
