package dev.patchbay.server.runs;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.store.OwnerOnlyFiles;
import dev.patchbay.engine.workflows.RunListener;
import dev.patchbay.engine.workflows.UnknownRunException;
import dev.patchbay.engine.workflows.WorkflowProblems;
import dev.patchbay.engine.workflows.WorkflowRun;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.runs.RunRecordsException;
import dev.patchbay.server.SandboxConnection;
import dev.patchbay.server.http.ApiErrors;
import dev.patchbay.server.http.ApiException;
import dev.patchbay.server.http.JsonBodies;
import dev.patchbay.server.http.Routes;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Workflow runs: {@code POST /api/runs} runs a workflow given in the request (kept in
 * {@code $PATCHBAY_HOME/server/workflows/}, where its run record points) and answers with the run record;
 * {@code GET /api/runs} and {@code GET /api/runs/{id}} read the records: this home's, or on a shared store every
 * process's, each RUNNING only while its process lives.
 */
public final class RunsApi {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

  private final PatchbayRuntime runtime;
  private final JsonBodies bodies;
  private final Path workflowsFolder;

  public RunsApi(PatchbayRuntime runtime, JsonBodies bodies, Path workflowsFolder) {
    this.runtime = runtime;
    this.bodies = bodies;
    this.workflowsFolder = workflowsFolder;
  }

  public void register(Routes routes) {
    routes.post("/api/runs", this::start);
    routes.get("/api/runs", this::list);
    routes.get("/api/runs/{id}", this::show);
  }

  private void start(Context ctx) {
    ObjectNode body = bodies.object(ctx);
    JsonNode workflow = body.get("workflow");
    if (workflow == null || !(workflow.isObject() || workflow.isString())) {
      throw JsonBodies.invalid("'workflow' is required: the workflow as a JSON object, or its YAML or JSON text");
    }
    Map<String, String> inputs = RunRequests.inputs(JsonBodies.optionalObject(body, "inputs"));
    Map<String, String> connections = RunRequests.connections(JsonBodies.optionalObject(body, "connections"));
    Path file = write(workflow);
    try {
      Map<String, String> overrides = new LinkedHashMap<>(connections);
      for (String connectorId : connectorsUsed(workflow)) {
        SandboxConnection.forConnector(runtime, connectorId)
            .ifPresent(name -> overrides.putIfAbsent(connectorId, name));
      }
      WorkflowRun run = runtime.workflows().run(file, inputs, overrides, RunListener.NONE);
      // The caller gets the outputs it asked for as they are; the stored record keeps them redacted.
      ctx.json(run.recordForCaller());
    } catch (WorkflowProblems e) {
      delete(file);
      throw RunRequests.problems(e.problems());
    } catch (ConnectorException e) {
      delete(file);
      throw ApiErrors.of(e);
    }
  }

  /** The connectors the workflow's steps use; an unreadable workflow uses none here, and its check says why. */
  private static Set<String> connectorsUsed(JsonNode workflow) {
    Set<String> connectors = new TreeSet<>();
    JsonNode tree;
    try {
      tree = workflow.isObject() ? workflow : YAML.readTree(workflow.stringValue());
    } catch (JacksonException e) {
      return connectors;
    }
    if (tree != null) {
      tree.path("steps").forEach(step -> {
        String activity = step.path("activity").asString("");
        if (activity.indexOf('/') > 0) {
          connectors.add(activity.substring(0, activity.indexOf('/')));
        }
      });
    }
    return connectors;
  }

  /** {@code ?limit=N&offset=M}: a page of the runs, newest first; all of them without. */
  private void list(Context ctx) {
    int limit = count(ctx, "limit", Integer.MAX_VALUE);
    int offset = count(ctx, "offset", 0);
    try {
      List<Map<String, Object>> list = new ArrayList<>();
      for (RunRecord run : runtime.workflows().records().list(offset, limit).runs()) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", run.id());
        item.put("workflowName", run.workflowName());
        item.put("status", run.status().name());
        item.put("startedAt", run.startedAt() == null ? null : run.startedAt().toString());
        item.put("endedAt", run.endedAt() == null ? null : run.endedAt().toString());
        item.put("failedStep", run.failedStep());
        list.add(item);
      }
      ctx.json(list);
    } catch (ConnectorException e) {
      throw ApiErrors.of(e);
    } catch (RunRecordsException e) {
      throw unavailable(e);
    }
  }

  private static int count(Context ctx, String name, int absent) {
    String value = ctx.queryParam(name);
    if (value == null) {
      return absent;
    }
    try {
      int count = Integer.parseInt(value);
      if (count >= 0) {
        return count;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw JsonBodies.invalid("'" + name + "' counts runs: a whole number, 0 or more, not '" + value + "'");
  }

  private void show(Context ctx) {
    String id = ctx.pathParam("id");
    ApiException notFound = new ApiException(404, ErrorCode.NOT_FOUND.name(), "no run '" + id
        + "'; GET /api/runs lists them");
    if (!RUN_ID.matcher(id).matches()) {
      throw notFound;
    }
    try {
      // The API token holder started the run (or may start any): the outputs as they are; the record keeps them
      // redacted.
      ctx.json(runtime.workflows().runForCaller(id));
    } catch (UnknownRunException e) {
      throw notFound;
    } catch (ConnectorException e) {
      throw ApiErrors.of(e);
    } catch (RunRecordsException e) {
      throw unavailable(e);
    }
  }

  /** The store cannot be used (503, the operator's to fix), or the one record cannot be read (500). */
  private static ApiException unavailable(RunRecordsException e) {
    return e.storeUnavailable() ? new ApiException(503, ApiException.UNAVAILABLE, e.getMessage())
        : new ApiException(500, ApiException.INTERNAL_ERROR, e.getMessage());
  }

  private Path write(JsonNode workflow) {
    String text;
    String extension;
    if (workflow.isObject()) {
      text = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(workflow);
      extension = ".json";
    } else {
      text = workflow.stringValue();
      extension = text.stripLeading().startsWith("{") ? ".json" : ".yaml";
    }
    try {
      OwnerOnlyFiles.createFolders(workflowsFolder);
      Path file = workflowsFolder.resolve("workflow-" + UUID.randomUUID() + extension);
      OwnerOnlyFiles.writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the workflow in " + workflowsFolder + ": " + e.getMessage(), e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Nothing ran from it and nothing points at it: a stray file in the server's workflows folder is harmless.
    }
  }
}
