package dev.patchbay.engine.plugins;

import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * Plugin-first class loading, except for the types host and plugin exchange: the connector API, Jackson and SLF4J
 * always come from the host. A plugin that bundles its own copy would otherwise get classes the host cannot cast
 * ("not assignable", {@code LinkageError}).
 */
final class HostSharedClassLoader extends PluginClassLoader {

  private static final String[] HOST_PACKAGES = {
      "dev.patchbay.api.", "tools.jackson.", "com.fasterxml.jackson.annotation.", "org.slf4j."
  };

  static {
    ClassLoader.registerAsParallelCapable();
  }

  HostSharedClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader host) {
    super(manager, descriptor, host, ClassLoadingStrategy.PDA);
  }

  @Override
  protected boolean shouldDelegateToParent(String className) {
    if (super.shouldDelegateToParent(className)) {
      return true;
    }
    for (String prefix : HOST_PACKAGES) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
