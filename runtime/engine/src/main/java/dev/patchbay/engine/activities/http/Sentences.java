package dev.patchbay.engine.activities.http;

/** Joins provider text into messages without doubled or missing full stops. */
final class Sentences {

  private Sentences() {}

  /** {@code text} ending with a full stop, unless it already ends a sentence. */
  static String end(String text) {
    String trimmed = text.strip();
    return trimmed.endsWith(".") || trimmed.endsWith("!") || trimmed.endsWith("?") ? trimmed : trimmed + ".";
  }
}
