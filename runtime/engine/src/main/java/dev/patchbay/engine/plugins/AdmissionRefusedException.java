package dev.patchbay.engine.plugins;

/**
 * A plugin archive the operator's {@link AdmissionPolicy} refuses: an id it does not allow, a digest other than the
 * pinned one, or a policy file that is malformed. Nothing of the archive was unpacked or loaded.
 */
public final class AdmissionRefusedException extends PluginArchiveException {

  private static final long serialVersionUID = 1L;

  private final String pluginId;
  private final String version;

  AdmissionRefusedException(String pluginId, String version, String message) {
    super(message);
    this.pluginId = pluginId;
    this.version = version;
  }

  /** The id the archive's descriptor declares, or null. */
  public String pluginId() {
    return pluginId;
  }

  /** The version the archive's descriptor declares, or null. */
  public String version() {
    return version;
  }
}
