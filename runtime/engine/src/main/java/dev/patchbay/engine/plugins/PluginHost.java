package dev.patchbay.engine.plugins;

import dev.patchbay.api.Connector;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads connector plugin archives, one at a time and each on its own: whatever goes wrong with one (a corrupt zip,
 * an unsafe entry, a bad descriptor, a throwing {@code start()}, a missing class) becomes that plugin's
 * {@link PluginReport}, and nothing else is touched. Which archive wins when two carry one plugin id, and when a
 * plugin is replaced or unloaded, is the catalog's {@code PluginRegistry}'s business.
 */
public final class PluginHost {

  private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

  private final List<Path> pluginRoots;
  private final Path cacheRoot;
  private final PluginArchives archives;
  private final Path admissionPolicyFile;
  private final String connectorApiVersion;

  /**
   * @param pluginRoots folders holding plugin zips, earlier ones first: a plugin id found in an earlier folder
   *     shadows the same id in a later one
   * @param cacheRoot where archives are unpacked
   * @param admissionPolicyFile the operator's {@link AdmissionPolicy}, read afresh for every archive admitted
   * @param connectorApiVersion the connector API version plugins' {@code plugin.requires} is checked against
   */
  public PluginHost(List<Path> pluginRoots, Path cacheRoot, Path admissionPolicyFile, String connectorApiVersion) {
    this.pluginRoots = List.copyOf(pluginRoots);
    this.cacheRoot = cacheRoot;
    this.archives = new PluginArchives(cacheRoot);
    this.admissionPolicyFile = admissionPolicyFile;
    this.connectorApiVersion = connectorApiVersion;
  }

  /**
   * The admission policy as its file says now. Read on every call, so an operator's pin applies to the next archive
   * checked without a restart.
   */
  public AdmissionPolicy admissionPolicy() {
    return AdmissionPolicy.read(admissionPolicyFile);
  }

  /** The plugin folders, earlier ones first. */
  public List<Path> roots() {
    return pluginRoots;
  }

  /**
   * Whether a file name is a plugin archive: {@code *.zip}, not hidden. Copies in progress under another name
   * ({@code plugin.zip.part}, {@code .plugin.zip}) are not archives until renamed.
   */
  public static boolean isPluginArchive(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".zip") && !name.startsWith(".");
  }

  /** Every plugin archive of the plugin folders, in folder order and then by file name. */
  public List<Path> archives() {
    List<Path> all = new ArrayList<>();
    for (Path root : pluginRoots) {
      all.addAll(archivesIn(root));
    }
    return all;
  }

  /** The plugin archives directly in one folder, by file name; none when the folder cannot be listed. */
  public static List<Path> archivesIn(Path root) {
    List<Path> inRoot = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return inRoot;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(root, PluginHost::isPluginArchive)) {
      stream.forEach(inRoot::add);
    } catch (IOException e) {
      LOG.warn("cannot list plugins folder {}: {}", root, e.toString());
    }
    inRoot.sort(null);
    return inRoot;
  }

  /**
   * The order in which archives win over each other: by folder, then by file name; an archive in none of the plugin
   * folders comes last.
   */
  public Comparator<Path> precedence() {
    return Comparator.<Path>comparingInt(archive -> {
      int index = pluginRoots.indexOf(archive.getParent());
      return index < 0 ? pluginRoots.size() : index;
    }).thenComparing(archive -> archive.getFileName().toString());
  }

  /** The archive's SHA-256, which tells new content from old. */
  public String digest(Path archive) throws PluginArchiveException {
    return PluginArchives.digest(archive);
  }

  /**
   * Admits the archive under {@code policy} and unpacks it (or finds its content unpacked already). The archive is
   * copied while hashed and its descriptor read from the copy in memory; only when the policy allows its id and
   * digest is the copy unpacked. A refused archive leaves nothing behind.
   *
   * @throws AdmissionRefusedException when the policy refuses it
   * @throws PluginArchiveException when it is unreadable, unsafe or has no readable descriptor
   */
  public UnpackedArchive admit(Path archive, AdmissionPolicy policy) throws PluginArchiveException {
    try (ArchiveSnapshot snapshot = ArchiveSnapshot.take(archive, cacheRoot)) {
      Optional<String> refusal = policy.refusal(archive, snapshot.pluginId(), snapshot.digest());
      if (refusal.isPresent()) {
        throw new AdmissionRefusedException(snapshot.pluginId(), snapshot.version(), refusal.get());
      }
      Path folder = archives.unpack(snapshot);
      return new UnpackedArchive(archive, snapshot.digest(), folder, snapshot.pluginId(), snapshot.version());
    }
  }

  /** Deletes the unpacked folder of a plugin that was unloaded and whose content is gone. */
  public void deleteUnpacked(UnpackedArchive unpacked) throws IOException {
    archives.delete(unpacked.folder());
  }

  /**
   * Loads and starts an unpacked archive in a PF4J manager of its own and creates its connectors. A plugin that
   * fails is unloaded again at once, so its jars are not held open.
   */
  public LoadedPlugin load(UnpackedArchive unpacked) {
    try (PluginExits.Scope starting = PluginExits.enter(unpacked.pluginId(), "starting (from "
        + unpacked.archive().getFileName() + ")", () -> { })) {
      return loadAndStart(unpacked);
    }
  }

  private LoadedPlugin loadAndStart(UnpackedArchive unpacked) {
    Path archive = unpacked.archive();
    Optional<String> bundled;
    try {
      bundled = BundledHostClasses.refusal(unpacked.folder());
    } catch (IOException e) {
      bundled = Optional.of("a jar of the plugin cannot be read: " + describe(e));
    }
    if (bundled.isPresent()) {
      return LoadedPlugin.failed(new PluginReport(archive, unpacked.pluginId(), unpacked.version(),
          PluginStatus.FAILED, List.of(), bundled.get()), unpacked);
    }
    PatchbayPluginManager manager = new PatchbayPluginManager(connectorApiVersion);
    String pluginId;
    try {
      pluginId = manager.loadPlugin(unpacked.folder());
    } catch (RuntimeException e) {
      manager.unloadPlugins();
      return LoadedPlugin.failed(new PluginReport(archive, unpacked.pluginId(), unpacked.version(),
          PluginStatus.FAILED, List.of(), describe(e)), unpacked);
    }
    if (!pluginId.equals(unpacked.pluginId())) {
      // No plugin class has been loaded yet: PF4J creates the class loader here but loads the plugin at start.
      manager.unloadPlugins();
      return LoadedPlugin.failed(new PluginReport(archive, unpacked.pluginId(), unpacked.version(),
          PluginStatus.FAILED, List.of(), "PF4J read plugin id '" + pluginId + "' from the unpacked archive, but "
              + "the plugin.properties that was admitted declares '" + unpacked.pluginId() + "'; refused"),
          unpacked);
    }
    PluginWrapper wrapper = manager.getPlugin(pluginId);
    String version = wrapper.getDescriptor().getVersion();
    PluginReport report = new PluginReport(archive, pluginId, version, PluginStatus.ACTIVE, List.of(), null);
    PluginState state = startSafely(manager, pluginId);
    if (state != PluginState.STARTED) {
      String why = manager.incompatibility(wrapper.getDescriptor())
          .orElseGet(() -> wrapper.getFailedException() == null ? "did not start (state " + state + ")"
              : "failed to start: " + describe(wrapper.getFailedException()));
      manager.unloadPlugins();
      return LoadedPlugin.failed(report.failed(why), unpacked);
    }
    try {
      List<Connector> connectors = connectorsOf(manager, pluginId, wrapper.getPluginClassLoader());
      return new LoadedPlugin(report, connectors, wrapper.getPluginClassLoader(), unpacked, manager);
    } catch (ExtensionException e) {
      manager.unloadPlugins();
      return LoadedPlugin.failed(report.failed(e.getMessage()), unpacked);
    }
  }

  private static PluginState startSafely(PatchbayPluginManager manager, String pluginId) {
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
  private static List<Connector> connectorsOf(PatchbayPluginManager manager, String pluginId, ClassLoader loader)
      throws ExtensionException {
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
        continue;
      }
      try {
        connectors.add((Connector) type.getConstructor().newInstance());
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
        throw new ExtensionException("extension " + className + " cannot be created: " + describe(cause));
      }
    }
    if (connectors.isEmpty() && !classNames.isEmpty()) {
      throw new ExtensionException("contributes no " + Connector.class.getSimpleName()
          + " extension (META-INF/extensions.idx lists " + (classNames.isEmpty() ? "none" : classNames)
          + "; mark the connector class with @org.pf4j.Extension and build with PF4J's annotation processor)");
    }
    return connectors;
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    String type = e.getClass().getSimpleName();
    if (message == null || message.isBlank()) {
      return type;
    }
    return e instanceof RuntimeException && !(e instanceof NullPointerException) ? message : type + ": " + message;
  }

  private static final class ExtensionException extends Exception {
    private static final long serialVersionUID = 1L;

    ExtensionException(String message) {
      super(message);
    }
  }
}
