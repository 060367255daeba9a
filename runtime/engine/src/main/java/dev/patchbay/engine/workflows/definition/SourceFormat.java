package dev.patchbay.engine.workflows.definition;

import java.nio.file.Path;
import java.util.Locale;

/** The syntax a workflow file is written in. */
enum SourceFormat {
  JSON,
  YAML;

  /**
   * By extension ({@code .json}, {@code .yaml}, {@code .yml}); for any other name by content: JSON starts with a
   * brace or a bracket, anything else is read as YAML.
   */
  static SourceFormat of(Path file, String text) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return JSON;
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return YAML;
    }
    String start = text.stripLeading();
    return start.startsWith("{") || start.startsWith("[") ? JSON : YAML;
  }
}
