package dev.patchbay.server.plugins;

import dev.patchbay.engine.catalog.PluginChange;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per plugin change while serving, as {@code key=value} pairs like the request log:
 * {@code plugin=replaced file=zoom.zip id=zoom version=1.1.0 previous=1.0.0}. A reason is quoted.
 */
public final class PluginChangeLog {

  /** The logger the lines go to. */
  public static final String NAME = "dev.patchbay.server.plugins";

  private static final Logger LOG = LoggerFactory.getLogger(NAME);

  private PluginChangeLog() {}

  public static void log(PluginChange change) {
    if (change.kind() == PluginChange.Kind.FAILED) {
      LOG.warn("{}", line(change));
    } else {
      LOG.info("{}", line(change));
    }
  }

  static String line(PluginChange change) {
    StringJoiner line = new StringJoiner(" ");
    line.add("plugin=" + change.kind().name().toLowerCase(java.util.Locale.ROOT));
    line.add("file=" + change.fileName());
    if (change.pluginId() != null) {
      line.add("id=" + change.pluginId());
    }
    if (change.version() != null) {
      line.add("version=" + change.version());
    }
    if (change.previousVersion() != null) {
      line.add((change.kind() == PluginChange.Kind.FAILED ? "serving=" : "previous=") + change.previousVersion());
    }
    if (change.reason() != null) {
      line.add("reason=\"" + change.reason().replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }
    return line.toString();
  }
}
