package dev.patchbay.engine.workflows.definition;

/** A workflow file that cannot be read or parsed; {@code line} is 0 when the failure has no place in the file. */
public final class SourceException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int line;

  SourceException(int line, String message) {
    super(message);
    this.line = line;
  }

  public int line() {
    return line;
  }
}
