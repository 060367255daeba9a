package dev.patchbay.engine.plugins;

import dev.patchbay.api.Connector;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.regex.Matcher;

/**
 * The version of the connector API a plugin compiles against, which its {@code plugin.requires} names: plugins depend
 * on the API, not on the runtime around it, so a runtime release that keeps the API keeps every plugin loading.
 *
 * <p>Compatibility follows semantic versioning of the API: the same major version from the minor version a plugin was
 * built with on; before 1.0.0, the same minor version.
 */
public final class ConnectorApiVersion {

  private static final String CURRENT = read();

  private ConnectorApiVersion() {}

  /** The connector API version this runtime provides. */
  public static String current() {
    return CURRENT;
  }

  /**
   * The {@code plugin.requires} range for a plugin compiled against {@code apiVersion}: {@code >=1.4.0 & <2.0.0} for
   * 1.4.2, {@code >=0.1.0 & <0.2.0} for 0.1.0.
   *
   * @throws IllegalArgumentException when {@code apiVersion} is not a semantic version
   */
  public static String requirementFor(String apiVersion) {
    Matcher version = PatchbayPluginManager.SEMVER.matcher(apiVersion);
    if (!version.matches()) {
      throw new IllegalArgumentException("connector API version '" + apiVersion + "' is not a semantic version");
    }
    int major = Integer.parseInt(version.group(1));
    int minor = Integer.parseInt(version.group(2));
    String upper = major == 0 ? "0." + (minor + 1) + ".0" : (major + 1) + ".0.0";
    return ">=" + major + "." + minor + ".0 & <" + upper;
  }

  /** Whether {@code version} is a semantic version, as {@code plugin.version} must be. */
  public static boolean isSemanticVersion(String version) {
    return version != null && PatchbayPluginManager.SEMVER.matcher(version).matches();
  }

  private static String read() {
    try (InputStream in = Connector.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties missing from the connector API jar");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new IllegalStateException("version.properties of the connector API jar cannot be read", e);
    }
  }
}
