package dev.patchbay.engine.schema;

/** A JSON Schema that cannot be compiled. */
public final class InvalidSchemaException extends Exception {

  private static final long serialVersionUID = 1L;

  public InvalidSchemaException(String message) {
    super(message);
  }
}
