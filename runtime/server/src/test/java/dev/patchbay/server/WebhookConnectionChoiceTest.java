package dev.patchbay.server;

import static dev.patchbay.server.ZoomDeliveries.CANARY;
import static dev.patchbay.server.ZoomDeliveries.awaitEvent;
import static dev.patchbay.server.ZoomDeliveries.deliver;
import static dev.patchbay.server.ZoomDeliveries.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.RunningSandbox;
import dev.patchbay.engine.connections.FieldValues;
import dev.patchbay.engine.connections.NewConnection;
import dev.patchbay.engine.definitions.AuthTypeDefinition;
import dev.patchbay.engine.definitions.FieldDefinition;
import dev.patchbay.engine.sandbox.SandboxSession;
import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.triggers.TriggerDispatch;
import dev.patchbay.engine.triggers.TriggerWorkflows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Which connection a trigger run gets: the one the workflow names, which then runs only on its own account's events;
 * for a workflow that names none, the only active one acting in the event's account, and when several do, it is told
 * to name one.
 */
class WebhookConnectionChoiceTest {

  static final String WORKFLOW = """
      name: NAME
      trigger:
        event: zoom/meeting.started
      inputs:
        event: {type: object}
      CONNECTIONS
      steps:
        - id: me
          activity: zoom/users.getCurrent
      """;

  @TempDir
  Path triggers;

  SandboxServer fixture;
  String account;

  @BeforeEach
  void start() throws Exception {
    Files.writeString(triggers.resolve("a-unnamed.yaml"), WORKFLOW.replace("NAME", "unnamed")
        .replace("CONNECTIONS\n", ""));
    Files.writeString(triggers.resolve("b-named.yaml"), WORKFLOW.replace("NAME", "named")
        .replace("CONNECTIONS", "connections: {zoom: second}"));
    fixture = SandboxServer.start(ServerOptions.defaults().withPort(0), runtime -> new TriggerDispatch(runtime,
        TriggerWorkflows.register(triggers, runtime.workflows())));
    fixture.runtime.webhookSecrets().set("zoom", Secret.of(CANARY));
    account = fixture.sandbox().connection().identity().accountId();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  JsonNode deliverAndAwait(long eventTs, String status) throws Exception {
    String id = deliver(fixture.api, event("meeting.started", account, eventTs, "{\"id\":\"1\"}"), Instant.now())
        .json().path("event").asString();
    return awaitEvent(fixture.api, id, status);
  }

  String connectionOf(String runId) {
    return fixture.api.get("/api/runs/" + runId).json().path("connectionOverrides").path("zoom").asString();
  }

  /** A server-to-server connection, which acts in the same sandbox account as the sandbox's own. */
  void addSecondConnectionInTheAccount() throws Exception {
    RunningSandbox running = fixture.sandbox().running();
    AuthTypeDefinition authType = fixture.runtime.catalog().connector("zoom").orElseThrow().definition()
        .authType("server-to-server").orElseThrow();
    Map<String, String> given = new LinkedHashMap<>(SandboxSession.fieldsOf(running, "server-to-server"));
    given.keySet().retainAll(authType.fieldList().stream().map(FieldDefinition::name).toList());
    FieldValues fields = FieldValues.split(authType, given);
    fixture.runtime.connections().add(new NewConnection("zoom", "server-to-server", "second", fields.plain(),
        fields.secrets(), running.baseUrl(), running.authorizeUrl(), running.tokenUrl(), running.revokeUrl()),
        url -> {
          throw new AssertionError("server-to-server opens no browser");
        });
    assertEquals(account, fixture.runtime.connections().get("second").identity().accountId());
  }

  @Test
  void theOnlyConnectionInTheAccountRunsTheUnnamedWorkflowAndOneNamingAnotherConnectionSitsOut() throws Exception {
    JsonNode event = deliverAndAwait(1_700_000_001_000L, "PROCESSED");
    assertEquals(1, event.path("runs").size(), event.toString());
    assertEquals("zoom-sandbox", connectionOf(event.path("runs").get(0).asString()));
    assertEquals("b-named.yaml runs with connection 'second', which does not act in account " + account,
        event.path("reason").asString());
  }

  @Test
  void withSeveralInTheAccountTheNamedOneRunsAndAnUnnamedWorkflowIsToldToChoose() throws Exception {
    addSecondConnectionInTheAccount();
    JsonNode event = deliverAndAwait(1_700_000_002_000L, "PROCESSED");
    assertEquals(1, event.path("runs").size(), event.toString());
    assertEquals("second", connectionOf(event.path("runs").get(0).asString()));
    assertEquals("a-unnamed.yaml: connections second, zoom-sandbox all act in account " + account + "; name the one "
        + "to use under connections: in the workflow", event.path("reason").asString());
    assertTrue(fixture.api.get("/api/runs").body().contains(event.path("runs").get(0).asString()));
  }
}
