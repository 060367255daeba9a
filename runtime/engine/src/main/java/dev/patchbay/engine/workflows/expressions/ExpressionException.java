package dev.patchbay.engine.workflows.expressions;

/** An expression that cannot be parsed, or cannot be evaluated with the values at hand. */
public final class ExpressionException extends Exception {

  private static final long serialVersionUID = 1L;

  public ExpressionException(String message) {
    super(message);
  }

  /** The same failure, said to happen at {@code where} (a pointer, a field name). */
  public ExpressionException at(String where) {
    return new ExpressionException(where + ": " + getMessage());
  }
}
