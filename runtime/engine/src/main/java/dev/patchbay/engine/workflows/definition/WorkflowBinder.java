package dev.patchbay.engine.workflows.definition;

import dev.patchbay.engine.workflows.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Binds a workflow tree to a {@link Workflow}. Lenient on purpose: a file with schema problems is still bound as far
 * as it can be (wrong or missing members become null or their defaults), so that the other checks can report their
 * problems in the same pass. The schema problems themselves are {@link WorkflowSchema}'s to report.
 */
public final class WorkflowBinder {

  /** The same rule as the schema's; an activity that breaks it binds as null so nothing splits it wrongly. */
  private static final Pattern ACTIVITY =
      Pattern.compile("^[a-z][a-z0-9-]{0,39}/[a-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*)+$");

  private static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);

  private WorkflowBinder() {}

  public static Workflow bind(JsonNode root) {
    return new Workflow(
        text(root.get("name")),
        text(root.get("description")),
        inputs(root.get("inputs")),
        connections(root.get("connections")),
        steps(root.get("steps")),
        outputs(root.get("outputs")),
        trigger(root.get("trigger")));
  }

  /** The schema's rule; a trigger that breaks it binds as null, and the schema reports it. */
  private static final Pattern TRIGGER = Pattern.compile("^([a-z][a-z0-9-]{0,39})/([A-Za-z0-9_.-]{1,100})$");

  private static Trigger trigger(JsonNode node) {
    String event = node == null ? null : text(node.get("event"));
    if (event == null) {
      return null;
    }
    Matcher matcher = TRIGGER.matcher(event);
    return matcher.matches() ? new Trigger(matcher.group(1), matcher.group(2)) : null;
  }

  private static Map<String, InputDeclaration> inputs(JsonNode node) {
    Map<String, InputDeclaration> inputs = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        JsonNode declaration = entry.getValue();
        InputType type = InputType.named(String.valueOf(text(declaration.get("type")))).orElse(null);
        JsonNode defaultValue = declaration.get("default");
        JsonNode required = declaration.get("required");
        JsonNode secret = declaration.get("secret");
        inputs.put(entry.getKey(), new InputDeclaration(
            entry.getKey(),
            type,
            defaultValue,
            text(declaration.get("description")),
            required != null && required.isBoolean() ? required.booleanValue() : defaultValue == null,
            secret != null && secret.isBoolean() && secret.booleanValue()));
      }
    }
    return inputs;
  }

  private static Map<String, String> connections(JsonNode node) {
    Map<String, String> connections = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        if (entry.getValue().isString()) {
          connections.put(entry.getKey(), entry.getValue().stringValue());
        }
      }
    }
    return connections;
  }

  private static List<Step> steps(JsonNode node) {
    List<Step> steps = new ArrayList<>();
    if (node != null && node.isArray()) {
      for (int index = 0; index < node.size(); index++) {
        JsonNode step = node.get(index);
        if (step.isObject()) {
          steps.add(step(index, step));
        }
      }
    }
    return steps;
  }

  private static Step step(int index, JsonNode step) {
    String activity = text(step.get("activity"));
    String onError = text(step.get("onError"));
    return new Step(
        index,
        "/steps/" + index,
        text(step.get("id")),
        activity != null && ACTIVITY.matcher(activity).matches() ? activity : null,
        text(step.get("connection")),
        step.get("input"),
        step.get("when"),
        step.get("forEach"),
        positive(step.get("parallelism"), 1),
        retry(step.get("retry")),
        onError == null ? OnError.FAIL : OnError.parse(onError));
  }

  private static RetryPolicy retry(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    int attempts = positive(node.get("maxAttempts"), 0);
    if (attempts == 0) {
      return null;
    }
    JsonNode backoff = node.get("backoffSeconds");
    Duration wait = backoff != null && backoff.isNumber() && backoff.doubleValue() >= 0
        ? Duration.ofMillis(Math.round(backoff.doubleValue() * 1000))
        : DEFAULT_BACKOFF;
    return new RetryPolicy(attempts, wait);
  }

  /** The value when it is a positive int, else {@code otherwise}. */
  private static int positive(JsonNode node, int otherwise) {
    return node != null && node.isIntegralNumber() && node.canConvertToInt() && node.intValue() >= 1
        ? node.intValue() : otherwise;
  }

  private static Map<String, JsonNode> outputs(JsonNode node) {
    Map<String, JsonNode> outputs = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      node.properties().forEach(entry -> outputs.put(entry.getKey(), entry.getValue()));
    }
    return outputs;
  }

  private static String text(JsonNode node) {
    return node != null && node.isString() ? node.stringValue() : null;
  }
}
