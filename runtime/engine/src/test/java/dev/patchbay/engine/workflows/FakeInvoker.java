package dev.patchbay.engine.workflows;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Answers activity invocations from scripts, by step id, and keeps a log of every invocation (the side effects a
 * real runner would have had). Thread-safe: parallel forEach elements call it at once.
 */
final class FakeInvoker implements ActivityInvoker {

  /** What a step answers. */
  @FunctionalInterface
  interface Script {
    JsonNode answer(StepInvocation invocation) throws ConnectorException;
  }

  private final Map<String, Script> scripts = new HashMap<>();
  private final List<StepInvocation> calls = new ArrayList<>();

  /** Answers {@code stepId}'s invocations with {@code script}. */
  FakeInvoker on(String stepId, Script script) {
    scripts.put(stepId, script);
    return this;
  }

  /** Answers {@code stepId}'s invocations with fixed JSON. */
  FakeInvoker on(String stepId, String json) {
    JsonNode answer = Json.MAPPER.readTree(json);
    return on(stepId, invocation -> answer);
  }

  @Override
  public JsonNode invoke(StepInvocation invocation) throws ConnectorException {
    synchronized (calls) {
      calls.add(invocation);
    }
    Script script = scripts.get(invocation.stepId());
    if (script == null) {
      throw new AssertionError("no script for step " + invocation.stepId());
    }
    return script.answer(invocation);
  }

  /** Every invocation so far, in the order they were made. */
  List<StepInvocation> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** The invocations of one step. */
  List<StepInvocation> calls(String stepId) {
    return calls().stream().filter(call -> call.stepId().equals(stepId)).toList();
  }

  /** Step ids of the invocations, with the element index for forEach steps: {@code list, download[0], ...}. */
  List<String> log() {
    return calls().stream().map(call -> call.stepId()
        + (call.itemIndex().isPresent() ? "[" + call.itemIndex().getAsInt() + "]" : "")).toList();
  }

  void clear() {
    synchronized (calls) {
      calls.clear();
    }
  }
}
