package dev.patchbay.engine.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plugin code that throws, overflows its stack or hangs fails its own call only (RELIABILITY R24). */
class IsolationTest extends RelayTestBase {

  @TempDir
  Path scratch;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "stackOverflow | java.lang.StackOverflowError",
      "noClassDef    | java.lang.NoClassDefFoundError: com/example/relay/MissingHelper",
      "runtime       | java.lang.IllegalStateException: relay plugin bug"})
  void anythingThePluginThrowsIsPluginErrorForThatCallOnly(String kind, String thrown) throws Exception {
    ActivityException failure = assertThrows(ActivityException.class,
        () -> harness.run("faults.raise", "{\"kind\":\"" + kind + "\"}"));

    assertEquals(new ActivityError(ErrorCode.PLUGIN_ERROR, "relay/faults.raise failed inside the connector plugin "
        + "relay: " + thrown + ". This is a bug in the plugin; report it to its author (the runtime log has the "
        + "stack trace).", Map.of()), failure.error());
    assertEquals(thrown.split(":")[0], failure.getCause().getClass().getName());
    assertEquals(Harness.json("{}"), harness.run("faults.raise", "{\"kind\":\"nothing\"}").output(),
        "the next call must work");
  }

  @Test
  void callPastItsDeadlineIsTimeoutAndItsThreadIsInterrupted() throws Exception {
    Path marker = scratch.resolve("interrupted");

    ActivityError error = harness.failure(harness.call("faults.raise",
        "{\"kind\":\"hang\",\"marker\":\"" + marker + "\"}").withTimeout(Duration.ofMillis(200)));

    assertEquals(new ActivityError(ErrorCode.TIMEOUT, "relay/faults.raise did not finish within 200 ms and was "
        + "stopped. If it needs longer (a large download, a long listing), run it with a longer timeout.", Map.of()),
        error);
    for (int i = 0; i < 100 && !Files.exists(marker); i++) {
      Thread.sleep(50);
    }
    assertTrue(Files.exists(marker), "the hung plugin thread must have been interrupted");
    assertEquals(Harness.json("{}"), harness.run("faults.raise", "{\"kind\":\"nothing\"}").output());
  }

  @Test
  void hungCallDoesNotHoldUpOtherCalls() throws Exception {
    Path marker = scratch.resolve("interrupted");
    CompletableFuture<ActivityResult> hung = CompletableFuture.supplyAsync(() -> {
      try {
        return harness.runner.run(harness.call("faults.raise", "{\"kind\":\"hang\",\"marker\":\"" + marker + "\"}")
            .withTimeout(Duration.ofSeconds(2)));
      } catch (ActivityException e) {
        throw new CompletionException(e);
      }
    });

    assertEquals(Harness.json("{}"), harness.run("faults.raise", "{\"kind\":\"nothing\"}").output());
    assertFalse(hung.isDone(), "the other call still hangs");
    CompletionException ended = assertThrows(CompletionException.class, hung::join);
    assertEquals(ErrorCode.TIMEOUT, assertInstanceOf(ActivityException.class, ended.getCause()).code());
  }

  @Test
  void paginatingAnOperationWithoutPaginationIsPluginError() {
    ActivityError error = harness.failure("faults.raise", "{\"kind\":\"paginate\"}");

    assertEquals(new ActivityError(ErrorCode.PLUGIN_ERROR, "relay/faults.raise asked to paginate, but its "
        + "definition declares no pagination. Declare \"paginated\": true with a \"pagination\" block, or send a "
        + "single request.", Map.of()), error);
    assertEquals(0, harness.server.getRequestCount());
  }

  @Test
  void fiveFaultsInARowQuarantineThePluginUntilATrialCallSucceeds() throws Exception {
    for (int i = 0; i < PluginCalls.FAULTS_TO_QUARANTINE; i++) {
      assertEquals(ErrorCode.PLUGIN_ERROR, harness.failure("faults.raise", "{\"kind\":\"runtime\"}").code());
    }
    java.time.Instant trialFrom = harness.clock.instant().plus(PluginCalls.QUARANTINE);

    ActivityError refused = harness.failure("faults.raise", "{\"kind\":\"connectorError\"}");

    assertEquals(new ActivityError(ErrorCode.PLUGIN_ERROR, "relay/faults.raise was not run: the connector plugin "
        + "relay is quarantined because its last 5 calls failed inside its own code (the last: "
        + "java.lang.IllegalStateException: relay plugin bug). From " + trialFrom + " one call is let through to "
        + "test it; replacing the plugin with a fixed version lifts the quarantine at once.", Map.of()), refused,
        "refused without running: run, it would have reported NOT_FOUND");

    harness.clock.advance(PluginCalls.QUARANTINE);
    assertEquals(Harness.json("{}"), harness.run("faults.raise", "{\"kind\":\"nothing\"}").output(),
        "the trial call runs");
    assertEquals(Harness.json("{}"), harness.run("faults.raise", "{\"kind\":\"nothing\"}").output(),
        "and its success lifted the quarantine");
  }

  @Test
  void aFailedTrialCallQuarantinesThePluginAgain() throws Exception {
    for (int i = 0; i < PluginCalls.FAULTS_TO_QUARANTINE; i++) {
      harness.failure("faults.raise", "{\"kind\":\"noClassDef\"}");
    }
    harness.clock.advance(PluginCalls.QUARANTINE);

    assertTrue(harness.failure("faults.raise", "{\"kind\":\"runtime\"}").message().contains("failed inside the "
        + "connector plugin relay"), "the trial ran");

    assertTrue(harness.failure("faults.raise", "{\"kind\":\"nothing\"}").message().contains("is quarantined"));
  }

  @Test
  void aFailureThePluginReportsItselfIsNoFault() throws Exception {
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < PluginCalls.FAULTS_TO_QUARANTINE - 1; i++) {
        harness.failure("faults.raise", "{\"kind\":\"runtime\"}");
      }
      assertEquals(ErrorCode.NOT_FOUND, harness.failure("faults.raise", "{\"kind\":\"connectorError\"}").code(),
          "a ConnectorException is the plugin working, and starts the count again");
    }
    assertEquals(Harness.json("{}"), harness.run("faults.raise", "{\"kind\":\"nothing\"}").output());
  }
  @Test
  void aPluginThatIgnoresItsDeadlineIsQuarantinedAtOnceAndNeverHoldsACallerAgain() throws Exception {
    Path firstRelease = scratch.resolve("first");
    Path trialRelease = scratch.resolve("trial");
    CompletableFuture<ErrorCode> deaf = CompletableFuture.supplyAsync(() -> harness.failure(harness.call(
        "faults.raise", "{\"kind\":\"deaf\",\"marker\":\"" + firstRelease + "\"}")
        .withTimeout(Duration.ofMillis(200))).code());
    for (int i = 0; i < 600 && harness.runner.pluginHealth("relay").quarantined().isEmpty(); i++) {
      Thread.sleep(50);
    }

    ActivityError refused = harness.failure("faults.raise", "{\"kind\":\"nothing\"}");

    assertEquals(ErrorCode.PLUGIN_ERROR, refused.code());
    assertTrue(refused.message().startsWith("relay/faults.raise was not run: the connector plugin relay is "
        + "quarantined because its last 1 calls failed inside its own code (the last: relay/faults.raise kept "
        + "running 1 s past its deadline of 200 ms although interrupted)."), refused.message());
    assertFalse(deaf.isDone(), "the first overrun keeps its caller");
    Files.writeString(firstRelease, "");
    assertEquals(ErrorCode.TIMEOUT, deaf.get(30, java.util.concurrent.TimeUnit.SECONDS));

    harness.clock.advance(PluginCalls.QUARANTINE);
    ActivityError trial = harness.failure(harness.call("faults.raise", "{\"kind\":\"deaf\",\"marker\":\""
        + trialRelease + "\"}").withTimeout(Duration.ofMillis(200)));

    assertEquals(ErrorCode.TIMEOUT, trial.code(), "handed off: abandoned at its deadline, its code still running");
    Files.writeString(trialRelease, "");
  }
}
