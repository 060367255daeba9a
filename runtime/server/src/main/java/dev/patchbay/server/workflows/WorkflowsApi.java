package dev.patchbay.server.workflows;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.workflows.UnknownRunException;
import dev.patchbay.engine.workflows.WorkflowProblems;
import dev.patchbay.engine.workflows.definition.InputDeclaration;
import dev.patchbay.server.http.ApiErrors;
import dev.patchbay.server.http.ApiException;
import dev.patchbay.server.http.JsonBodies;
import dev.patchbay.server.http.Routes;
import dev.patchbay.server.runs.RunRequests;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.node.ObjectNode;

/**
 * Starting and resuming runs in the background: {@code GET /api/workflows} lists the server's workflows folder
 * (each with its declared inputs), {@code POST /api/workflows/{file}/runs} starts one, {@code POST
 * /api/runs/{id}/resume} goes on with a run that did not succeed. Both answer 202 with the run's id once it runs
 * (or 400 with every problem that kept it from starting); {@code GET /api/runs/{id}} follows it.
 */
public final class WorkflowsApi {

  private static final Set<String> START_MEMBERS = Set.of("inputs", "connections");

  private final PatchbayRuntime runtime;
  private final JsonBodies bodies;
  private final WorkflowFolder folder;
  private final BackgroundRuns runs;

  public WorkflowsApi(PatchbayRuntime runtime, JsonBodies bodies, WorkflowFolder folder, BackgroundRuns runs) {
    this.runtime = runtime;
    this.bodies = bodies;
    this.folder = folder;
    this.runs = runs;
  }

  public void register(Routes routes) {
    routes.get("/api/workflows", this::list);
    routes.post("/api/workflows/{file}/runs", this::start);
    routes.post("/api/runs/{id}/resume", this::resume);
  }

  private void list(Context ctx) {
    requireFolder();
    List<Map<String, Object>> list = new ArrayList<>();
    for (WorkflowFolder.Entry entry : folder.list()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("file", entry.fileName());
      item.put("name", entry.title());
      if (entry.workflow() == null) {
        item.put("problem", entry.unreadable());
      } else {
        item.put("description", entry.workflow().description());
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (InputDeclaration input : entry.workflow().inputs().values()) {
          Map<String, Object> declared = new LinkedHashMap<>();
          declared.put("name", input.name());
          declared.put("type", input.type() == null ? null : input.type().typeName());
          declared.put("required", input.required());
          declared.put("secret", input.secret());
          // A secret's default is a secret too: whether there is one is all a caller learns.
          declared.put("default", input.secret() ? null : input.defaultValue());
          declared.put("hasDefault", input.defaultValue() != null);
          declared.put("description", input.description());
          inputs.add(declared);
        }
        item.put("inputs", inputs);
        item.put("connectors", WorkflowStarts.connectorsUsed(entry.workflow()));
      }
      list.add(item);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("folder", folder.folder().toString());
    body.put("workflows", list);
    ctx.json(body);
  }

  private void start(Context ctx) throws InterruptedException {
    requireFolder();
    String file = ctx.pathParam("file");
    WorkflowFolder.Entry entry = folder.find(file).orElseThrow(() -> new ApiException(404,
        ErrorCode.NOT_FOUND.name(), "no workflow '" + file + "' in the workflows folder; GET /api/workflows lists "
            + "them"));
    ObjectNode body = bodies.object(ctx);
    for (String member : body.propertyNames()) {
      if (!START_MEMBERS.contains(member)) {
        throw JsonBodies.invalid("unknown member '" + member + "'; a run is started with " + new TreeSet<>(
            START_MEMBERS));
      }
    }
    Map<String, String> inputs = RunRequests.inputs(JsonBodies.optionalObject(body, "inputs"));
    Map<String, String> connections = WorkflowStarts.withSandboxConnections(runtime, entry.workflow(),
        RunRequests.connections(JsonBodies.optionalObject(body, "connections")));
    try {
      started(ctx, runs.start(entry.file(), inputs, connections));
    } catch (WorkflowProblems e) {
      throw RunRequests.problems(e.problems());
    } catch (ConnectorException e) {
      throw ApiErrors.of(e);
    }
  }

  private void resume(Context ctx) throws InterruptedException {
    String id = ctx.pathParam("id");
    ApiException notFound = new ApiException(404, ErrorCode.NOT_FOUND.name(), "no run '" + id + "'; GET /api/runs "
        + "lists them");
    if (!WorkflowStarts.RUN_ID.matcher(id).matches()) {
      throw notFound;
    }
    try {
      started(ctx, runs.resume(id));
    } catch (UnknownRunException e) {
      throw notFound;
    } catch (WorkflowProblems e) {
      throw RunRequests.problems(e.problems());
    } catch (ConnectorException e) {
      throw ApiErrors.of(e);
    }
  }

  private static void started(Context ctx, String runId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("runId", runId);
    body.put("status", "RUNNING");
    body.put("run", "/api/runs/" + runId);
    ctx.status(202).json(body);
  }

  private void requireFolder() {
    if (!folder.configured()) {
      throw new ApiException(404, ErrorCode.NOT_FOUND.name(), "this server has no workflows folder: start it with "
          + "patchbay serve --workflows FOLDER (POST /api/runs runs a workflow given in the request)");
    }
  }
}
