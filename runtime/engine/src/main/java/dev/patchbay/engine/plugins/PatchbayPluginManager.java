package dev.patchbay.engine.plugins;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PropertiesPluginDescriptorFinder;
import org.pf4j.RuntimeMode;
import org.pf4j.InvalidPluginDescriptorException;

/**
 * PF4J configured for Patchbay: deployment mode whatever the system properties say, a plugin folder given by
 * {@link PluginHost} (already unpacked and checked), host-shared class loading, SemVer-checked self-contained
 * descriptors, and a plugin factory that fails with a message instead of a null.
 *
 * <p>There is one manager per loaded archive, owned by its {@link LoadedPlugin}: PF4J keys plugins by id, so the two
 * versions of a plugin that live side by side during a replace (the old one finishing its running activities) could
 * not share one; and unloading a whole manager leaves no cached extension index or class loader behind.
 */
final class PatchbayPluginManager extends DefaultPluginManager {

  static final Pattern SEMVER = Pattern.compile(
      "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$");
  static final Pattern PLUGIN_ID = Pattern.compile("^[a-z][a-z0-9-]{0,63}$");

  /** @param connectorApiVersion what {@code plugin.requires} is checked against */
  PatchbayPluginManager(String connectorApiVersion) {
    super(List.of());
    setSystemVersion(connectorApiVersion);
  }

  @Override
  public RuntimeMode getRuntimeMode() {
    return RuntimeMode.DEPLOYMENT;
  }

  @Override
  protected List<Path> createPluginsRoot() {
    // Nothing is scanned: PluginHost loads the folders it unpacked and checked, one by one.
    return List.of();
  }

  @Override
  protected PluginDescriptorFinder createPluginDescriptorFinder() {
    // The admission policy judged the id in plugin.properties. PF4J's default finder falls back to a jar manifest
    // when plugin.properties fails it, which could load the plugin under an id that was never admitted.
    return new PropertiesPluginDescriptorFinder();
  }

  @Override
  protected PluginStatusProvider createPluginStatusProvider() {
    // PF4J would read and write enabled.txt/disabled.txt in the plugins folder; every admitted plugin is enabled.
    return new PluginStatusProvider() {
      @Override
      public boolean isPluginDisabled(String pluginId) {
        return false;
      }

      @Override
      public void disablePlugin(String pluginId) {
        throw new PluginRuntimeException("Patchbay does not disable plugins; remove the archive instead");
      }

      @Override
      public void enablePlugin(String pluginId) {
        // Every plugin is enabled already.
      }
    };
  }

  @Override
  protected PluginLoader createPluginLoader() {
    return new DefaultPluginLoader(this) {
      @Override
      protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
        return new HostSharedClassLoader(pluginManager, descriptor, PatchbayPluginManager.class.getClassLoader());
      }
    };
  }

  @Override
  protected PluginFactory createPluginFactory() {
    return new FailingPluginFactory();
  }

  /** Why the plugin cannot run on this connector API version, when its {@code plugin.requires} excludes it. */
  Optional<String> incompatibility(PluginDescriptor descriptor) {
    String requires = descriptor.getRequires();
    if (requires == null || requires.isBlank() || requires.equals("*")
        || getVersionManager().checkVersionConstraint(getSystemVersion(), requires)) {
      return Optional.empty();
    }
    String api = getSystemVersion();
    return Optional.of("requires connector API " + requires + " (plugin.requires) but this Patchbay provides connector "
        + "API " + api + ": rebuild the plugin against dev.patchbay:patchbay-connector-api " + api + " (then "
        + "plugin.requires=" + ConnectorApiVersion.requirementFor(api) + "), or run it on a Patchbay whose connector "
        + "API matches");
  }

  @Override
  protected void validatePluginDescriptor(PluginDescriptor descriptor) {
    super.validatePluginDescriptor(descriptor);
    if (!PLUGIN_ID.matcher(descriptor.getPluginId()).matches()) {
      throw new InvalidPluginDescriptorException(
          "plugin.id '" + descriptor.getPluginId() + "' must be lower case letters, digits and '-', starting with a letter");
    }
    if (!SEMVER.matcher(descriptor.getVersion()).matches()) {
      throw new InvalidPluginDescriptorException(
          "plugin.version '" + descriptor.getVersion() + "' is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.4.0)");
    }
    if (!descriptor.getDependencies().isEmpty()) {
      throw new InvalidPluginDescriptorException("plugin.dependencies is not supported: a connector plugin is "
          + "self-contained (bundle the libraries it needs in lib/)");
    }
    String requires = descriptor.getRequires();
    if (requires != null && !requires.isBlank() && !requires.equals("*")) {
      try {
        getVersionManager().checkVersionConstraint(getSystemVersion(), requires);
      } catch (RuntimeException e) {
        // jsemver's lexer errors are not PluginRuntimeExceptions and would abort loading every plugin.
        throw new InvalidPluginDescriptorException(
            "plugin.requires '" + requires + "' is not a valid version constraint (e.g. >=0.1.0)");
      }
    }
  }
}
