package dev.patchbay.engine.workflows.expressions;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.jexl3.JexlContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The names an expression can read: {@code inputs}, {@code steps} (the steps before the current one),
 * {@code env} (only {@code PATCHBAY_VAR_*} variables), and inside a {@code forEach} step {@code item} and
 * {@code itemIndex}. Immutable: expressions cannot assign.
 */
public final class Scope {

  /** The prefix an environment variable needs to be readable as {@code env.NAME}. */
  public static final String ENV_PREFIX = "PATCHBAY_VAR_";

  private final Map<String, Object> names;

  private Scope(Map<String, Object> names) {
    // A HashMap copy, not Map.copyOf: a forEach element may be JSON null.
    this.names = Collections.unmodifiableMap(new HashMap<>(names));
  }

  /**
   * @param inputs the run's inputs by name
   * @param steps by step id: {@code {status, output, error, items}} of each step before the current one
   * @param environment the process environment; only {@code PATCHBAY_VAR_*} variables are taken from it
   */
  public static Scope of(JsonNode inputs, JsonNode steps, Map<String, String> environment) {
    ObjectNode env = JsonNodeFactory.instance.objectNode();
    environment.forEach((name, value) -> {
      if (name.startsWith(ENV_PREFIX)) {
        env.put(name, value);
      }
    });
    Map<String, Object> names = new HashMap<>();
    names.put("inputs", JsonView.of("inputs", inputs));
    names.put("steps", JsonView.of("steps", steps));
    names.put("env", JsonView.of("env", env));
    return new Scope(names);
  }

  /** This scope with a {@code forEach} element bound. */
  public Scope withItem(JsonNode item, int index) {
    Map<String, Object> names = new HashMap<>(this.names);
    names.put("item", JsonView.of("item", item));
    names.put("itemIndex", index);
    return new Scope(names);
  }

  JexlContext context() {
    return new JexlContext() {
      @Override
      public Object get(String name) {
        return names.get(name);
      }

      @Override
      public void set(String name, Object value) {
        throw new UnsupportedOperationException("expressions cannot assign");
      }

      @Override
      public boolean has(String name) {
        return names.containsKey(name);
      }
    };
  }
}
