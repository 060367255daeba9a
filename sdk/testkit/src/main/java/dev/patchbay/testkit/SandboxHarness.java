package dev.patchbay.testkit;

import dev.patchbay.api.SandboxOptions;
import dev.patchbay.engine.catalog.CatalogEntry;
import dev.patchbay.engine.definitions.OperationDefinition;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.sandbox.SandboxSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Runs every operation of a connector against the connector's own sandbox ({@code Connector.sandbox()}), connected
 * through an auth type's real flow, and fails on the first operation that does not succeed, or when an operation of
 * the definition has no step: a new operation cannot ship without having run once end to end.
 *
 * <pre>{@code
 * SandboxHarness.of(patchbay, "oauth")
 *     .step("items.create", "{\"name\": \"first\"}")
 *     .step("items.get", outputs -> "{\"id\": \"" + outputs.get("items.create").path("id").asString() + "\"}")
 *     .run();
 * }</pre>
 */
public final class SandboxHarness {

  private final PatchbayExtension patchbay;
  private final String authTypeId;
  private final List<Step> steps = new ArrayList<>();

  private record Step(String operationId, Function<Map<String, JsonNode>, String> input) {}

  private SandboxHarness(PatchbayExtension patchbay, String authTypeId) {
    this.patchbay = patchbay;
    this.authTypeId = authTypeId;
  }

  /** A harness for the only connector of the plugin under test, connecting to its sandbox with {@code authTypeId}. */
  public static SandboxHarness of(PatchbayExtension patchbay, String authTypeId) {
    return new SandboxHarness(patchbay, authTypeId);
  }

  /** Runs {@code operationId} with a fixed input. */
  public SandboxHarness step(String operationId, String inputJson) {
    return step(operationId, outputs -> inputJson);
  }

  /** Runs {@code operationId} with an input made from the outputs so far (by operation id; the latest one wins). */
  public SandboxHarness step(String operationId, Function<Map<String, JsonNode>, String> input) {
    steps.add(new Step(operationId, input));
    return this;
  }

  /**
   * Opens the sandbox, runs the steps in order and returns their outputs by operation id.
   *
   * @throws AssertionError naming the operations without a step, or the step that failed with its error
   */
  public Map<String, JsonNode> run() throws Exception {
    List<CatalogEntry> connectors = List.copyOf(patchbay.runtime().catalog().connectors());
    if (connectors.size() != 1) {
      throw new IllegalStateException("the plugin has " + connectors.size() + " connectors; the harness runs one");
    }
    CatalogEntry connector = connectors.get(0);
    Set<String> missing = new LinkedHashSet<>();
    for (OperationDefinition operation : connector.definition().operations()) {
      missing.add(operation.id());
    }
    steps.forEach(step -> missing.remove(step.operationId()));
    if (!missing.isEmpty()) {
      throw new AssertionError("no step runs " + missing + " of " + connector.id() + ": every operation must run "
          + "against the sandbox");
    }
    Map<String, JsonNode> outputs = new LinkedHashMap<>();
    // The runtime keeps the session and stops the sandbox when the test's runtime closes.
    SandboxSession session = patchbay.runtime().openSandbox(connector.id(), authTypeId, SandboxOptions.defaults());
    TestActivities activities = patchbay.activities();
    for (Step step : steps) {
      String input = step.input().apply(outputs);
      Outcome outcome = activities.run(connector.id() + "/" + step.operationId(), session.connection().name(),
          Json.MAPPER.readTree(input));
      if (!outcome.succeeded()) {
        throw new AssertionError(step.operationId() + " " + input + " failed on the sandbox: " + outcome + " "
            + outcome.error().details());
      }
      outputs.put(step.operationId(), outcome.output());
    }
    return outputs;
  }
}
