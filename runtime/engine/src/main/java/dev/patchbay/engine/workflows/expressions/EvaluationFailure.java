package dev.patchbay.engine.workflows.expressions;

/**
 * Thrown from inside an evaluation (a missing field, a function given a bad value) to carry a message meant for
 * the user through JEXL, which wraps it; {@link Template} finds it in the cause chain.
 */
final class EvaluationFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  EvaluationFailure(String message) {
    super(message, null, false, false);
  }
}
