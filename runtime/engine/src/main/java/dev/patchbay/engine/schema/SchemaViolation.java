package dev.patchbay.engine.schema;

/**
 * One place where a JSON document breaks a schema.
 *
 * @param pointer JSON pointer into the document ("" for the root)
 * @param message the rule that was broken
 */
public record SchemaViolation(String pointer, String message) {

  @Override
  public String toString() {
    return (pointer.isEmpty() ? "(root)" : pointer) + ": " + message;
  }
}
