package dev.patchbay.server.runs;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.workflows.WorkflowProblem;
import dev.patchbay.server.http.ApiException;
import dev.patchbay.server.http.JsonBodies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** What every request that runs a workflow carries, read one way: inputs, connections; and its problems answered. */
public final class RunRequests {

  private RunRequests() {}

  /** Input values as the workflow's {@code --input name=value} text: strings as they are, the rest as JSON. */
  public static Map<String, String> inputs(ObjectNode inputs) {
    Map<String, String> map = new LinkedHashMap<>();
    if (inputs != null) {
      inputs.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue().isString()
          ? entry.getValue().stringValue() : Json.MAPPER.writeValueAsString(entry.getValue())));
    }
    return map;
  }

  /** Connection names by connector id. */
  public static Map<String, String> connections(ObjectNode connections) {
    Map<String, String> map = new LinkedHashMap<>();
    if (connections != null) {
      connections.properties().forEach(entry -> {
        if (!entry.getValue().isString()) {
          throw JsonBodies.invalid("'connections' maps a connector id to a connection name; '" + entry.getKey()
              + "' is not a string");
        }
        map.put(entry.getKey(), entry.getValue().stringValue());
      });
    }
    return map;
  }

  /** 400 listing every problem that kept the workflow from running, with its line. */
  public static ApiException problems(List<WorkflowProblem> problems) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (WorkflowProblem problem : problems) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("line", problem.line());
      item.put("pointer", problem.pointer());
      item.put("message", problem.message());
      list.add(item);
    }
    return new ApiException(400, ErrorCode.INVALID_INPUT.name(), "the workflow has " + problems.size()
        + (problems.size() == 1 ? " problem" : " problems") + "; nothing ran", Map.of("problems", list), Map.of());
  }
}
