package dev.patchbay.engine.plugins;

/** A plugin archive that cannot be admitted: unreadable, unsafe or malformed. Nothing of it was installed. */
public class PluginArchiveException extends Exception {

  private static final long serialVersionUID = 1L;

  public PluginArchiveException(String message) {
    super(message);
  }

  public PluginArchiveException(String message, Throwable cause) {
    super(message, cause);
  }
}
