package dev.patchbay.engine.workflows.expressions;

import java.time.Clock;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.commons.jexl3.JexlArithmetic;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.JexlInfo;
import org.apache.commons.jexl3.JxltEngine;
import org.apache.commons.jexl3.introspection.JexlUberspect;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Workflow expressions: {@code ${...}} in strings, written in a restricted JEXL. Expressions read names
 * ({@code inputs.x}, {@code steps.ID.output.path}, {@code item.path}, {@code env.PATCHBAY_VAR_X}), index arrays,
 * compare, combine with {@code && || !}, choose with {@code ?:}, do arithmetic, build array and object literals,
 * and call the {@code date:} and {@code list:} functions and JEXL's {@code size(x)} and {@code empty(x)}. They
 * cannot call methods, create objects, assign, loop, define functions, or reach any Java class: method-call,
 * {@code new}, side-effect, loop, lambda, script and pragma syntax are switched off in the grammar, and reflection
 * is limited to the JSON views and the function namespaces ({@link ExpressionPermissions}).
 */
public final class Expressions {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final JexlFeatures FEATURES = new JexlFeatures()
      .script(false)
      .loops(false)
      .sideEffect(false)
      .sideEffectGlobal(false)
      .newInstance(false)
      .methodCall(false)
      .lambda(false)
      .localVar(false)
      .pragma(false)
      .namespacePragma(false)
      .importPragma(false)
      .annotation(false)
      .register(false);

  private final JxltEngine templates;

  /** @param clock what {@code date:now()} and {@code date:today()} read */
  public Expressions(Clock clock) {
    JexlEngine engine = new JexlBuilder()
        .features(FEATURES)
        .permissions(new ExpressionPermissions())
        // Members of a JSON object are found as map entries before any bean property of the view class.
        .strategy(JexlUberspect.MAP_STRATEGY)
        .arithmetic(new JexlArithmetic(true))
        .namespaces(Map.of("date", new DateFunctions(clock), "list", new ListFunctions()))
        .antish(false)
        .strict(true)
        .safe(false)
        .silent(false)
        .cancellable(false)
        // Report paths with constant indices too (steps.list.output.meetings[0].id) for the reference check.
        .collectMode(2)
        .cache(512)
        .create();
    // '#' templates (deferred expressions) are plain text in workflows: no character starts them.
    this.templates = engine.createJxltEngine(true, 512, '$', '\0');
  }

  /** Whether a string holds an expression (and so is a template). */
  public static boolean isTemplate(String text) {
    return text.contains("${");
  }

  /** Parses a string holding expressions. */
  public Template template(String text) throws ExpressionException {
    rejectNestedTemplates(text);
    try {
      return new Template(text, templates.createExpression(new JexlInfo("expression", 1, 1), text));
    } catch (JexlException e) {
      JexlException cause = JexlFailures.innermost(e);
      throw new ExpressionException(text + ": " + (cause instanceof JexlException.Feature
          ? "not allowed in an expression: "
          : "not a valid expression: ") + JexlFailures.detail(cause));
    }
  }

  /** The value of one template: the JSON value of a whole-value expression, else the resulting string. */
  public JsonNode evaluate(Template template, Scope scope) throws ExpressionException {
    Object value = template.evaluate(scope);
    try {
      return JsonValues.toJson(value);
    } catch (EvaluationFailure e) {
      throw new ExpressionException(template.text() + ": " + e.getMessage());
    }
  }

  /**
   * A copy of {@code value} with every string that holds expressions replaced by its value. Member names are never
   * expressions. A failure names the pointer of the string, relative to {@code value}.
   */
  public JsonNode resolve(JsonNode value, Scope scope) throws ExpressionException {
    return resolve(value, scope, "");
  }

  private JsonNode resolve(JsonNode value, Scope scope, String pointer) throws ExpressionException {
    if (value == null) {
      return null;
    }
    if (value.isString() && isTemplate(value.stringValue())) {
      try {
        return evaluate(template(value.stringValue()), scope);
      } catch (ExpressionException e) {
        throw pointer.isEmpty() ? e : e.at(pointer);
      }
    }
    if (value.isObject()) {
      ObjectNode copy = NODES.objectNode();
      for (Map.Entry<String, JsonNode> member : value.properties()) {
        copy.set(member.getKey(), resolve(member.getValue(), scope, pointer + "/" + member.getKey()));
      }
      return copy;
    }
    if (value.isArray()) {
      ArrayNode copy = NODES.arrayNode();
      for (int i = 0; i < value.size(); i++) {
        copy.add(resolve(value.get(i), scope, pointer + "/" + i));
      }
      return copy;
    }
    return value;
  }

  /** Calls {@code action} with the pointer (relative to {@code value}) and text of every string holding expressions. */
  public static void forEachTemplate(JsonNode value, BiConsumer<String, String> action) {
    forEachTemplate(value, "", action);
  }

  private static void forEachTemplate(JsonNode value, String pointer, BiConsumer<String, String> action) {
    if (value == null) {
      return;
    }
    if (value.isString() && isTemplate(value.stringValue())) {
      action.accept(pointer, value.stringValue());
    } else if (value.isObject()) {
      value.properties().forEach(member -> forEachTemplate(member.getValue(),
          pointer + "/" + member.getKey().replace("~", "~0").replace("/", "~1"), action));
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        forEachTemplate(value.get(i), pointer + "/" + i, action);
      }
    }
  }

  /**
   * Refuses a back-quoted string inside an expression: JEXL evaluates the expressions inside those without
   * reporting what they read, so the check before a run could not see their references.
   */
  private static void rejectNestedTemplates(String text) throws ExpressionException {
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (depth == 0) {
        if (c == '\\') {
          i++;
        } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
          depth = 1;
          i++;
        }
      } else if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '`') {
        throw new ExpressionException(text + ": back-quoted strings are not supported inside an expression; "
            + "put the text around the expression instead");
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      }
    }
  }
}
