package dev.patchbay.engine.workflows.definition;

import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A parsed workflow file and the line every value in it starts on, so that problems found in the tree can name the
 * line the user wrote.
 *
 * @param text the file's content, for its hash
 */
public record SourceDocument(Path file, String text, JsonNode root, Map<String, Integer> lines) {

  public SourceDocument {
    lines = Map.copyOf(lines);
  }

  /**
   * The line of the value at {@code pointer}: of its key for an object member, so that a block value in YAML is
   * located where it is named. A pointer to a value that does not exist (a missing member) is located at its closest
   * existing ancestor. 0 when nothing is known.
   */
  public int line(String pointer) {
    String current = pointer;
    while (true) {
      Integer line = lines.get(current);
      if (line != null) {
        return line;
      }
      if (current.isEmpty()) {
        return 0;
      }
      current = current.substring(0, current.lastIndexOf('/'));
    }
  }

  /** A JSON pointer segment for a member name or index (RFC 6901). */
  public static String segment(String name) {
    return "/" + name.replace("~", "~0").replace("/", "~1");
  }
}
