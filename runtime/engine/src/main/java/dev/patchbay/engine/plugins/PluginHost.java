package dev.patchbay.engine.plugins;

import dev.patchbay.api.Connector;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads connector plugins from plugin folders. Each archive is admitted, loaded and started on its own: whatever
 * goes wrong with one (a corrupt zip, an unsafe entry, a bad descriptor, a throwing {@code start()}, a missing
 * class) becomes that plugin's {@link PluginReport}, and the others load as if it were not there.
 */
public final class PluginHost implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

  private final List<Path> pluginRoots;
  private final PluginArchives archives;
  private final PatchbayPluginManager manager;

  /**
   * @param pluginRoots folders holding plugin zips, earlier ones first: a plugin id found in an earlier folder
   *     shadows the same id in a later one
   * @param cacheRoot where archives are unpacked
   * @param systemVersion the runtime version plugins' {@code plugin.requires} is checked against
   */
  public PluginHost(List<Path> pluginRoots, Path cacheRoot, String systemVersion) {
    this.pluginRoots = List.copyOf(pluginRoots);
    this.archives = new PluginArchives(cacheRoot);
    this.manager = new PatchbayPluginManager(systemVersion);
  }

  /** Loads and starts every plugin archive of the plugin folders, in folder order and then by file name. */
  public List<LoadedPlugin> load() {
    List<LoadedPlugin> loaded = new ArrayList<>();
    Map<String, Path> loadedFrom = new HashMap<>();
    for (Path archive : archivesInRoots()) {
      loaded.add(load(archive, loadedFrom));
    }
    return loaded;
  }

  private LoadedPlugin load(Path archive, Map<String, Path> loadedFrom) {
    PluginReport unknown = new PluginReport(archive, null, null, PluginStatus.FAILED, List.of(), null);
    Path folder;
    try {
      folder = archives.unpack(archive);
    } catch (PluginArchiveException e) {
      return LoadedPlugin.failed(unknown.failed(e.getMessage()));
    }
    Properties descriptor;
    try {
      descriptor = readDescriptor(folder);
    } catch (PluginArchiveException e) {
      return LoadedPlugin.failed(unknown.failed(e.getMessage()));
    }
    String declaredId = descriptor.getProperty("plugin.id");
    if (declaredId != null && loadedFrom.containsKey(declaredId)) {
      return LoadedPlugin.failed(new PluginReport(archive, declaredId, descriptor.getProperty("plugin.version"),
          PluginStatus.SHADOWED, List.of(), "plugin id '" + declaredId + "' is already loaded from "
              + loadedFrom.get(declaredId)));
    }
    String pluginId;
    try {
      pluginId = manager.loadPlugin(folder);
    } catch (RuntimeException e) {
      return LoadedPlugin.failed(new PluginReport(archive, declaredId, descriptor.getProperty("plugin.version"),
          PluginStatus.FAILED, List.of(), describe(e)));
    }
    loadedFrom.put(pluginId, archive);
    PluginWrapper wrapper = manager.getPlugin(pluginId);
    String version = wrapper.getDescriptor().getVersion();
    PluginReport report = new PluginReport(archive, pluginId, version, PluginStatus.ACTIVE, List.of(), null);
    PluginState state = startSafely(pluginId);
    if (state != PluginState.STARTED) {
      String why = manager.incompatibility(wrapper.getDescriptor())
          .orElseGet(() -> wrapper.getFailedException() == null ? "did not start (state " + state + ")"
              : "failed to start: " + describe(wrapper.getFailedException()));
      return LoadedPlugin.failed(report.failed(why));
    }
    try {
      List<Connector> connectors = connectorsOf(pluginId, wrapper.getPluginClassLoader());
      return new LoadedPlugin(report, connectors, wrapper.getPluginClassLoader());
    } catch (ExtensionException e) {
      return LoadedPlugin.failed(report.failed(e.getMessage()));
    }
  }

  private static Properties readDescriptor(Path folder) throws PluginArchiveException {
    Path file = folder.resolve("plugin.properties");
    if (!Files.isRegularFile(file)) {
      throw new PluginArchiveException(
          "has no plugin.properties at its root (a plugin zip holds plugin.properties and lib/*.jar)");
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new PluginArchiveException("plugin.properties cannot be read: " + e.getMessage(), e);
    }
    return properties;
  }

  private PluginState startSafely(String pluginId) {
    try {
      return manager.startPlugin(pluginId);
    } catch (RuntimeException | LinkageError e) {
      LOG.debug("plugin {} failed to start", pluginId, e);
      return manager.getPlugin(pluginId).getPluginState();
    }
  }

  /**
   * Instantiates the plugin's Connector extensions ourselves rather than through PF4J's extension finder, which
   * logs and skips an extension it cannot load: here that failure is the plugin's error.
   */
  private List<Connector> connectorsOf(String pluginId, ClassLoader loader) throws ExtensionException {
    Set<String> classNames = manager.getExtensionClassNames(pluginId);
    List<Connector> connectors = new ArrayList<>();
    for (String className : classNames) {
      Class<?> type;
      try {
        type = loader.loadClass(className);
      } catch (ClassNotFoundException | LinkageError e) {
        throw new ExtensionException("extension " + className + " listed in META-INF/extensions.idx cannot be loaded: "
            + describe(e));
      }
      if (!Connector.class.isAssignableFrom(type)) {
        if (implementsForeignConnector(type)) {
          throw new ExtensionException("extension " + className + " implements its own copy of "
              + Connector.class.getName() + ": the plugin bundles the connector API; declare it with provided scope");
        }
        continue;
      }
      try {
        connectors.add((Connector) type.getConstructor().newInstance());
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
        throw new ExtensionException("extension " + className + " cannot be created: " + describe(cause));
      }
    }
    if (connectors.isEmpty()) {
      throw new ExtensionException("contributes no " + Connector.class.getSimpleName()
          + " extension (META-INF/extensions.idx lists " + (classNames.isEmpty() ? "none" : classNames)
          + "; mark the connector class with @org.pf4j.Extension and build with PF4J's annotation processor)");
    }
    return connectors;
  }

  private static boolean implementsForeignConnector(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (i.getName().equals(Connector.class.getName())) {
          return true;
        }
      }
    }
    return false;
  }

  private List<Path> archivesInRoots() {
    List<Path> all = new ArrayList<>();
    for (Path root : pluginRoots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      List<Path> inRoot = new ArrayList<>();
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(root, "*.zip")) {
        stream.forEach(inRoot::add);
      } catch (IOException e) {
        LOG.warn("cannot list plugins folder {}: {}", root, e.toString());
      }
      inRoot.sort(null);
      all.addAll(inRoot);
    }
    return all;
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    String type = e.getClass().getSimpleName();
    if (message == null || message.isBlank()) {
      return type;
    }
    return e instanceof RuntimeException && !(e instanceof NullPointerException) ? message : type + ": " + message;
  }

  /** Stops and unloads every plugin, closing their class loaders. */
  @Override
  public void close() {
    // unloadPlugins() stops and unloads a copy of the list; stopPlugins() would throw
    // ConcurrentModificationException in PF4J 3.15.0 (pf4j#656).
    manager.unloadPlugins();
  }

  private static final class ExtensionException extends Exception {
    private static final long serialVersionUID = 1L;

    ExtensionException(String message) {
      super(message);
    }
  }
}
