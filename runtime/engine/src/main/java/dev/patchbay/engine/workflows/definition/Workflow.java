package dev.patchbay.engine.workflows.definition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A workflow file, bound.
 *
 * @param inputs declared inputs, in file order
 * @param connections connection name by connector id
 * @param outputs output values (usually expressions) by name, in file order
 * @param trigger the event the workflow runs on, or null when it runs only when asked
 */
public record Workflow(
    String name,
    String description,
    Map<String, InputDeclaration> inputs,
    Map<String, String> connections,
    List<Step> steps,
    Map<String, JsonNode> outputs,
    Trigger trigger) {

  public Workflow {
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    connections = Map.copyOf(connections);
    steps = List.copyOf(steps);
    outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
  }

  /** The first step with this id. */
  public Optional<Step> step(String id) {
    return steps.stream().filter(step -> id.equals(step.id())).findFirst();
  }
}
