package dev.patchbay.engine.workflows.definition;

/**
 * What a failed step does to the run.
 *
 * @param handler the id of the later step that runs instead, for {@link Kind#HANDLER}
 */
public record OnError(Kind kind, String handler) {

  public static final OnError FAIL = new OnError(Kind.FAIL, null);
  public static final OnError CONTINUE = new OnError(Kind.CONTINUE, null);

  /** The kinds of {@code onError}. */
  public enum Kind {
    /** The run fails and stops (the default). */
    FAIL,
    /** The step is recorded as CONTINUED and the run goes on with the next step. */
    CONTINUE,
    /** The run jumps to the handler step, skipping the steps in between, and goes on after it. */
    HANDLER
  }

  /** {@code fail}, {@code continue}, or a step id. */
  public static OnError parse(String text) {
    return switch (text) {
      case "fail" -> FAIL;
      case "continue" -> CONTINUE;
      default -> new OnError(Kind.HANDLER, text);
    };
  }
}
