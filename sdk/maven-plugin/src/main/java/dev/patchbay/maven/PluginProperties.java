package dev.patchbay.maven;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The PF4J descriptor of a connector plugin, {@code plugin.properties}; optional keys are left out when blank. */
record PluginProperties(String id, String version, String requires, String provider, String description,
    String license) {

  String text() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("plugin.id", id);
    entries.put("plugin.version", version);
    entries.put("plugin.requires", requires);
    entries.put("plugin.provider", provider);
    entries.put("plugin.description", description);
    entries.put("plugin.license", license);
    StringBuilder text = new StringBuilder();
    entries.forEach((key, value) -> {
      if (value != null && !value.isBlank()) {
        text.append(key).append('=').append(escape(value)).append('\n');
      }
    });
    return text.toString();
  }

  /** Escapes as {@link Properties#load} reads it back, for values with backslashes, newlines or non-ASCII text. */
  private static String escape(String value) {
    StringBuilder out = new StringBuilder();
    for (char c : value.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
