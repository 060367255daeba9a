package dev.patchbay.engine.definitions;

/**
 * One thing wrong with a connector definition.
 *
 * @param source the file or plugin resource the definition came from
 * @param pointer JSON pointer to the offending value ("" for the whole document), or a line:column for a syntax error
 * @param message what rule was broken
 */
public record DefinitionProblem(String source, String pointer, String message) {

  @Override
  public String toString() {
    return source + ": " + (pointer.isEmpty() ? "(document)" : pointer) + ": " + message;
  }
}
