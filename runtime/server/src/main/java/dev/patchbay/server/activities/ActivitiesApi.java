package dev.patchbay.server.activities;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.activities.ActivityException;
import dev.patchbay.engine.activities.ActivityResult;
import dev.patchbay.engine.json.Json;
import dev.patchbay.server.SandboxConnection;
import dev.patchbay.server.http.ApiErrors;
import dev.patchbay.server.http.JsonBodies;
import dev.patchbay.server.http.Routes;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** Runs one activity: {@code POST /api/activities/{connector}/{operation}} with {@code {connection, input}}. */
public final class ActivitiesApi {

  private final PatchbayRuntime runtime;
  private final JsonBodies bodies;

  public ActivitiesApi(PatchbayRuntime runtime, JsonBodies bodies) {
    this.runtime = runtime;
    this.bodies = bodies;
  }

  public void register(Routes routes) {
    routes.post("/api/activities/{connector}/{operation}", this::run);
  }

  private void run(Context ctx) {
    String connector = ctx.pathParam("connector");
    String operation = ctx.pathParam("operation");
    ObjectNode body = bodies.object(ctx);
    String connection = JsonBodies.optionalString(body, "connection");
    if (connection == null) {
      connection = SandboxConnection.forConnector(runtime, connector).orElseThrow(() -> JsonBodies.invalid(
          "'connection' is required: the name of the connection to run with (GET /api/connections lists them)"));
    }
    ObjectNode input = JsonBodies.optionalObject(body, "input");
    try {
      ActivityResult result = runtime.activities().run(connector + "/" + operation, connection,
          input != null ? input : Json.MAPPER.createObjectNode());
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("output", result.output());
      answer.put("attempts", result.attempts());
      answer.put("durationMs", result.duration().toMillis());
      ctx.json(answer);
    } catch (ActivityException e) {
      throw ApiErrors.of(e.error());
    } catch (ConnectorException e) {
      throw ApiErrors.of(e);
    }
  }
}
