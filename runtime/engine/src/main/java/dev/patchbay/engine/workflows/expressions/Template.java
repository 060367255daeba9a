package dev.patchbay.engine.workflows.expressions;

import java.util.List;
import java.util.Set;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JxltEngine;

/**
 * A string of a workflow file holding expressions. A string that is exactly one expression evaluates to the value
 * with its own type; a string with text around its expressions evaluates to a string.
 */
public final class Template {

  private final String text;
  private final JxltEngine.Expression expression;

  Template(String text, JxltEngine.Expression expression) {
    this.text = text;
    this.expression = expression;
  }

  public String text() {
    return text;
  }

  /**
   * Every name path the template reads, as written: {@code steps.list.output.meetings[0]} is
   * {@code [steps, list, output, meetings, 0]}; a path with a computed index ends before it.
   */
  public Set<List<String>> references() {
    return expression.getVariables();
  }

  /** The value, as JEXL gives it: views for JSON objects and arrays, strings, numbers, booleans, or null. */
  Object evaluate(Scope scope) throws ExpressionException {
    try {
      return expression.evaluate(scope.context());
    } catch (JexlException | EvaluationFailure e) {
      throw new ExpressionException(explain(e));
    }
  }

  private String explain(RuntimeException failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof EvaluationFailure meant) {
        return meant.getMessage();
      }
    }
    JexlException jexl = JexlFailures.innermost(failure);
    if (jexl instanceof JexlException.Variable variable) {
      return text + ": unknown name '" + variable.getVariable() + "'";
    }
    if (jexl instanceof JexlException.Property property) {
      // JEXL quotes a name read with brackets; a leading dot means the value before the name was null.
      String name = property.getProperty().replaceAll("^'(.*)'$", "$1");
      return name.startsWith(".")
          ? text + ": '" + name.substring(1) + "' is null, so nothing can be read from it"
          : text + ": cannot read '" + name + "' of a value that is null or not an object";
    }
    if (jexl instanceof JexlException.Method method) {
      return text + ": no function " + method.getMethodSignature()
          + " (functions are date:..., list:..., size and empty; methods cannot be called)";
    }
    if (jexl != null) {
      return text + ": " + JexlFailures.detail(jexl);
    }
    return text + ": " + failure.getMessage();
  }

  @Override
  public String toString() {
    return text;
  }
}
