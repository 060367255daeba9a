package dev.patchbay.cli;

import dev.patchbay.engine.json.Json;
import java.io.PrintWriter;

/** Machine-readable output: one pretty-printed JSON document on stdout. */
final class JsonOutput {

  private JsonOutput() {}

  static void print(PrintWriter out, Object value) {
    out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
  }
}
