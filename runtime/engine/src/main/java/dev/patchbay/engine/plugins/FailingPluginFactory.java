package dev.patchbay.engine.plugins;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import org.pf4j.Plugin;
import org.pf4j.PluginFactory;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;

/**
 * Creates a plugin's {@link Plugin} instance, or throws a message saying why not. PF4J's default factory logs and
 * returns null, which surfaces later as an unexplained NullPointerException.
 */
final class FailingPluginFactory implements PluginFactory {

  @Override
  public Plugin create(PluginWrapper wrapper) {
    String className = wrapper.getDescriptor().getPluginClass();
    Class<?> type;
    try {
      type = wrapper.getPluginClassLoader().loadClass(className);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new PluginRuntimeException(e, "plugin.class " + className + " cannot be loaded from the plugin: " + e);
    }
    if (!Plugin.class.isAssignableFrom(type)) {
      throw new PluginRuntimeException("plugin.class " + className + " does not extend org.pf4j.Plugin");
    }
    try {
      Constructor<?> constructor = type.getConstructor();
      return (Plugin) constructor.newInstance();
    } catch (NoSuchMethodException e) {
      throw new PluginRuntimeException("plugin.class " + className + " has no public no-argument constructor");
    } catch (InvocationTargetException e) {
      throw new PluginRuntimeException(e.getCause(), "plugin.class " + className + " failed in its constructor: "
          + e.getCause());
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new PluginRuntimeException(e, "plugin.class " + className + " cannot be instantiated: " + e);
    }
  }
}
