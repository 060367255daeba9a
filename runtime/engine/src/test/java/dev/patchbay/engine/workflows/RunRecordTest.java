package dev.patchbay.engine.workflows;

import static dev.patchbay.engine.workflows.WorkflowFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.ConfigurationException;
import dev.patchbay.engine.activities.ActivityError;
import dev.patchbay.engine.store.StoreUnavailableException;
import dev.patchbay.engine.workflows.records.ErrorRecord;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.StepRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Run records: their shape on disk, listing, and secrets kept out of them. */
class RunRecordTest {

  @TempDir Path folder;

  private WorkflowFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new WorkflowFixture(folder);
  }

  private Path simple() {
    return fixture.file("simple.yaml", """
        name: simple
        connections: {zoom: work}
        steps:
          - id: list
            activity: zoom/meetings.list
        """);
  }

  @Test
  void runsAreListedNewestFirstWithIdsThatSortByTime() throws Exception {
    fixture.invoker.on("list", "{}");
    String first = fixture.run(simple(), Map.of()).id();
    fixture.clock.advance(Duration.ofSeconds(1));
    String second = fixture.run(simple(), Map.of()).id();
    fixture.clock.advance(Duration.ofHours(1));
    String third = fixture.run(simple(), Map.of()).id();

    assertTrue(first.matches("20261129-101502-[0-9a-f]{4}"), first);
    assertTrue(third.startsWith("20261129-111503-"), third);
    assertEquals(List.of(third, second, first), fixture.workflows.runs().stream().map(RunRecord::id).toList());
    assertEquals(first, fixture.workflows.run(first).id());
  }

  @Test
  void theRecordOnDiskIsPlainJsonWithTimesAsIsoText() throws Exception {
    fixture.invoker.on("list", "{\"meetings\": []}");
    String id = fixture.run(simple(), Map.of()).id();

    JsonNode record = fixture.recordJson(id);

    assertEquals(id, record.get("id").asString());
    assertEquals("simple", record.get("workflowName").asString());
    assertEquals("SUCCEEDED", record.get("status").asString());
    assertEquals("2026-11-29T10:15:02Z", record.get("startedAt").asString());
    assertEquals(64, record.get("workflowSha256").asString().length());
    JsonNode step = record.get("steps").get(0);
    assertEquals(json("""
        {"id": "list", "activity": "zoom/meetings.list", "connection": "work", "status": "SUCCEEDED", "attempts": 1,
         "startedAt": "2026-11-29T10:15:02Z", "endedAt": "2026-11-29T10:15:02Z", "input": {},
         "output": {"meetings": []}}"""), step);
  }

  @Test
  void secretInputsAndCredentialsNeverReachTheRecord() throws Exception {
    String token = "s3cr3t-T0ken-value";
    Path file = fixture.file("secret.yaml", """
        name: secret
        inputs:
          token: {type: string, secret: true}
          pin: {type: string, secret: true}
        connections: {zoom: work}
        steps:
          - id: create
            activity: zoom/meetings.create
            input:
              topic: "Sync (key ${inputs.token})"
              password: ${inputs.pin}
          - id: list
            activity: zoom/meetings.list
            onError: continue
            input: {userId: "${inputs.token}"}
        outputs:
          echoed: ${steps.create.output.echo}
        """);
    fixture.invoker
        .on("create", invocation -> json("""
            {"echo": "%s", "join_url": "https://zoom.us/j/1?pwd=Zx81", "access_token": "at-123",
             "auth": "Bearer abc.def.ghi", "jwt": "eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl", "h323_password": 918273645}"""
            .formatted(invocation.input().get("topic").asString())))
        .on("list", invocation -> {
          throw new ConnectorException(ErrorCode.NOT_FOUND, "no user " + invocation.input().get("userId").asString());
        });

    WorkflowRun run = fixture.run(file, Map.of("token", token, "pin", "pin-Qx7"));

    StepInvocation create = fixture.invoker.calls("create").get(0);
    assertEquals("Sync (key " + token + ")", create.input().get("topic").asString());
    assertEquals("pin-Qx7", create.input().get("password").asString());
    String text = fixture.recordText(run.id());
    assertFalse(text.contains(token), text);
    assertFalse(text.contains("pin-Qx7"), text);
    assertFalse(text.contains("Zx81") || text.contains("at-123") || text.contains("abc.def.ghi")
        || text.contains("c2lnbmF0dXJl") || text.contains("918273645"), text);
    RunRecord record = fixture.workflows.run(run.id());
    assertEquals(json("{\"token\": \"[redacted]\", \"pin\": \"[redacted]\"}"), record.inputs());
    StepRecord created = record.step("create").orElseThrow();
    assertEquals(json("{\"topic\": \"Sync (key [redacted])\", \"password\": \"[redacted]\"}"), created.input());
    assertEquals(json("""
        {"echo": "Sync (key [redacted])", "join_url": "https://zoom.us/j/1?pwd=[redacted]",
         "access_token": "[redacted]", "auth": "Bearer [redacted]", "jwt": "[redacted]",
         "h323_password": "[redacted]"}"""), created.output());
    assertEquals("no user [redacted]", record.step("list").orElseThrow().error().message());
    assertEquals(json("{\"echoed\": \"Sync (key [redacted])\"}"), record.outputs());
  }

  /**
   * An activity's error details reach the step's, the element's and the run's error records, redacted like the
   * message; a configuration or store failure that is not an activity's says so too. Without details, the record
   * has none.
   */
  @Test
  void stepErrorsKeepTheActivitysDetailsRedacted() throws Exception {
    String token = "s3cr3t-T0ken-value";
    Path file = fixture.file("details.yaml", """
        name: details
        inputs:
          token: {type: string, secret: true}
        connections: {zoom: work}
        steps:
          - id: me
            activity: zoom/meetings.list
            onError: continue
          - id: each
            activity: zoom/meetings.list
            forEach: [1, 2]
            onError: continue
          - id: lookup
            activity: zoom/meetings.list
            onError: continue
          - id: plain
            activity: zoom/meetings.list
            onError: continue
          - id: last
            activity: zoom/meetings.list
        """);
    Map<String, Object> refused = Map.of(ActivityError.CONFIGURATION, true, ActivityError.PROVIDER_CODE,
        "invalid_client", ActivityError.PROVIDER_MESSAGE, "client " + token + " refused");
    fixture.invoker
        .on("me", invocation -> {
          throw new ActivityFailedException(new ActivityError(ErrorCode.INVALID_INPUT, "the app was refused",
              refused));
        })
        .on("each", invocation -> {
          throw new ActivityFailedException(new ActivityError(ErrorCode.NOT_FOUND, "no meeting",
              Map.of(ActivityError.PROVIDER_CODE, "3001")));
        })
        .on("lookup", invocation -> {
          throw new ConfigurationException("the master key is unusable");
        })
        .on("plain", invocation -> {
          throw new ConnectorException(ErrorCode.TIMEOUT, "slow");
        })
        .on("last", invocation -> {
          throw new StoreUnavailableException("cannot save connection 'work'");
        });

    WorkflowRun run = fixture.run(file, Map.of("token", token));

    RunRecord record = fixture.workflows.run(run.id());
    ErrorRecord me = record.step("me").orElseThrow().error();
    assertEquals(json("{\"configuration\": true, \"providerCode\": \"invalid_client\", "
        + "\"providerMessage\": \"client [redacted] refused\"}"), me.details());
    assertTrue(me.configuration());
    assertEquals(json("{\"providerCode\": \"3001\"}"), record.step("each").orElseThrow().error().details());
    assertEquals(json("{\"providerCode\": \"3001\"}"),
        record.step("each").orElseThrow().items().get(1).error().details());
    assertTrue(record.step("lookup").orElseThrow().error().configuration());
    assertEquals(new ErrorRecord(ErrorCode.TIMEOUT, "slow"), record.step("plain").orElseThrow().error());
    JsonNode written = fixture.recordJson(run.id());
    assertEquals(json("{\"code\": \"TIMEOUT\", \"message\": \"slow\"}"), written.at("/steps/3/error"),
        "no details, none written");
    assertEquals(json("{\"code\": \"INVALID_INPUT\", \"message\": \"the app was refused\", \"details\": "
        + "{\"configuration\": true, \"providerCode\": \"invalid_client\", \"providerMessage\": \"client [redacted] "
        + "refused\"}}"), written.at("/steps/0/error"));
    assertTrue(record.error().store(), record::toString);
    assertEquals("last", record.failedStep());
    String text = fixture.recordText(run.id());
    assertFalse(text.contains(token), text);
  }

  @Test
  void resumingARunWithSecretInputsTakesThemAgainAndNothingElse() throws Exception {
    Path file = fixture.file("secret.yaml", """
        name: secret
        inputs:
          token: {type: string, secret: true}
          user: {type: string}
        connections: {zoom: work}
        steps:
          - id: list
            activity: zoom/meetings.list
            input: {userId: "${inputs.user}:${inputs.token}"}
        """);
    fixture.invoker.on("list", invocation -> {
      throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, "down");
    });
    String id = fixture.run(file, Map.of("token", "tok-4242", "user", "ada")).id();
    fixture.invoker.on("list", "{}");

    WorkflowProblems missing = assertThrows(WorkflowProblems.class,
        () -> fixture.workflows.resume(id, RunListener.NONE));
    assertTrue(missing.getMessage().contains("input 'token' is required"), missing.getMessage());
    WorkflowProblems notSecret = assertThrows(WorkflowProblems.class,
        () -> fixture.workflows.resume(id, Map.of("token", "tok-4242", "user", "bob"), RunListener.NONE));
    assertTrue(notSecret.getMessage().contains("only those it redacted (secret ones) can be given, not user"),
        notSecret.getMessage());

    WorkflowRun resumed = fixture.workflows.resume(id, Map.of("token", "tok-4242"), RunListener.NONE);

    assertEquals("ada:tok-4242", fixture.invoker.calls().get(fixture.invoker.calls().size() - 1).input()
        .get("userId").asString());
    assertFalse(fixture.recordText(resumed.id()).contains("tok-4242"));
  }

  @Test
  void aRedactedValueReusedOnResumeIsAnErrorNotThePlaceholder() throws Exception {
    Path file = fixture.file("reuse.yaml", """
        name: reuse
        connections: {zoom: work}
        steps:
          - id: create
            activity: zoom/meetings.create
            input: {topic: x}
          - id: list
            activity: zoom/meetings.list
            input: {userId: "${steps.create.output.password}"}
        """);
    fixture.invoker.on("create", "{\"password\": \"pw-1\"}").on("list", invocation -> {
      throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, "down");
    });
    String id = fixture.run(file, Map.of()).id();
    assertEquals("pw-1", fixture.invoker.calls("list").get(0).input().get("userId").asString());
    fixture.invoker.clear();
    fixture.invoker.on("list", "{}");

    WorkflowRun resumed = fixture.workflows.resume(id, RunListener.NONE);

    assertEquals(List.of(), fixture.invoker.log());
    assertEquals("input/userId: steps.create.output.password: redacted in the run record, and the run kept no "
        + "sealed values (it was made before Patchbay kept them), so a resumed run cannot use it; start the workflow "
        + "again", resumed.failedStep().orElseThrow().error().message());
  }
}
