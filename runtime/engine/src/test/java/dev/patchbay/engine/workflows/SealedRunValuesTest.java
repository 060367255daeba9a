package dev.patchbay.engine.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.store.MasterKey;
import dev.patchbay.engine.store.SealedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 4: a run whose record redacts a value a later step needs can still be resumed, from the values it
 * kept sealed with the master key; the record and the sealed file show none of them in plain text.
 */
class SealedRunValuesTest {

  private static final String KEY = "q0Lr1ld3Z3lQv6n2M1m8fJ1JmS1k1QzZk5pTq6vY8yA=";

  @TempDir Path folder;

  private WorkflowFixture fixture() throws Exception {
    return new WorkflowFixture(folder, Map.of(), new SealedFiles(MasterKey.fromBase64(KEY, "test")));
  }

  /** A run of a step that reads a secret input and fails; its id. */
  private static String failedRunWithSecretInput(WorkflowFixture fixture, String token) throws Exception {
    Path file = fixture.file("secret.yaml", """
        name: secret
        inputs:
          token: {type: string, secret: true}
        connections: {zoom: work}
        steps:
          - id: list
            activity: zoom/meetings.list
            input: {userId: "${inputs.token}"}
        """);
    fixture.invoker.on("list", invocation -> {
      throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, "down");
    });
    return fixture.run(file, Map.of("token", token)).id();
  }

  @Test
  void aRedactedOutputALaterStepNeedsIsReusedAsItWasOnResume() throws Exception {
    WorkflowFixture fixture = fixture();
    Path file = fixture.file("reuse.yaml", """
        name: reuse
        connections: {zoom: work}
        steps:
          - id: create
            activity: zoom/meetings.create
            input: {topic: x}
          - id: list
            activity: zoom/meetings.list
            input: {userId: "${steps.create.output.join_url}"}
        """);
    fixture.invoker.on("create", "{\"join_url\": \"https://zoom.us/j/1?pwd=Canary0Pwd\"}").on("list",
        invocation -> {
          throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, "down");
        });
    String id = fixture.run(file, Map.of()).id();
    fixture.invoker.clear();
    fixture.invoker.on("list", "{}");

    WorkflowRun resumed = fixture.workflows.resume(id, RunListener.NONE);

    assertTrue(resumed.succeeded(), () -> resumed.record().toString());
    assertEquals(List.of("list"), fixture.invoker.log());
    assertEquals("https://zoom.us/j/1?pwd=Canary0Pwd",
        fixture.invoker.calls("list").get(0).input().get("userId").asString());
    Path runs = fixture.runsFolder();
    assertFalse(fixture.recordText(id).contains("Canary0Pwd"));
    assertFalse(Files.readString(runs.resolve(id + ".sealed")).contains("Canary0Pwd"));
  }

  @Test
  void secretInputsNeedNotBeGivenAgainOnResume() throws Exception {
    WorkflowFixture fixture = fixture();
    String id = failedRunWithSecretInput(fixture, "Canary1Token");
    fixture.invoker.clear();
    fixture.invoker.on("list", "{}");

    WorkflowRun resumed = fixture.workflows.resume(id, RunListener.NONE);

    assertTrue(resumed.succeeded(), () -> resumed.record().toString());
    assertEquals("Canary1Token", fixture.invoker.calls("list").get(0).input().get("userId").asString());
    assertFalse(fixture.recordText(id).contains("Canary1Token"));
  }

  @Test
  void aRunWithNothingRedactedKeepsNoSealedFile() throws Exception {
    WorkflowFixture fixture = fixture();
    Path file = fixture.file("plain.yaml", """
        name: plain
        connections: {zoom: work}
        steps:
          - id: list
            activity: zoom/meetings.list
        """);
    fixture.invoker.on("list", "{\"meetings\": []}");

    String id = fixture.run(file, Map.of()).id();

    assertFalse(Files.exists(fixture.runsFolder().resolve(id + ".sealed")));
  }

  @Test
  void sealedValuesUnderAnotherKeyAreAProblemThatSaysSo() throws Exception {
    WorkflowFixture fixture = fixture();
    String id = failedRunWithSecretInput(fixture, "Canary2Token");
    WorkflowFixture otherKey = new WorkflowFixture(folder, Map.of(), new SealedFiles(
        MasterKey.fromBase64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "test")));

    WorkflowProblems problems = org.junit.jupiter.api.Assertions.assertThrows(WorkflowProblems.class,
        () -> otherKey.workflows.resume(id, RunListener.NONE));

    assertTrue(problems.getMessage().contains("the values run " + id + " kept for a resume cannot be opened"),
        problems.getMessage());
  }
}
