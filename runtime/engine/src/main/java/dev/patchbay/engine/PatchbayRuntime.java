package dev.patchbay.engine;

import dev.patchbay.engine.catalog.Catalog;
import dev.patchbay.engine.catalog.CatalogLoader;
import dev.patchbay.engine.definitions.DefinitionReader;
import dev.patchbay.engine.definitions.VerifiedDefinitions;
import dev.patchbay.engine.plugins.PluginHost;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The Patchbay runtime, as a Java API: loads connector plugins and exposes the catalog of what they offer.
 *
 * <pre>{@code
 * try (PatchbayRuntime runtime = PatchbayRuntime.builder().home(PatchbayHome.fromEnvironment(System.getenv())).start()) {
 *   runtime.catalog().connector("zoom").ifPresent(zoom -> ...);
 * }
 * }</pre>
 */
public final class PatchbayRuntime implements AutoCloseable {

  private static final String VERSION = readVersion();

  private final PatchbayHome home;
  private final PluginHost pluginHost;
  private final Catalog catalog;

  private PatchbayRuntime(Builder builder) {
    this.home = builder.home;
    List<Path> roots = builder.pluginRoots != null ? builder.pluginRoots : defaultRoots(builder);
    this.pluginHost = new PluginHost(roots, home.pluginCache(), VERSION);
    this.catalog = new CatalogLoader(
        new DefinitionReader(new VerifiedDefinitions(home.verifiedDefinitions(), VERSION))).build(pluginHost.load());
  }

  private static List<Path> defaultRoots(Builder builder) {
    List<Path> roots = new ArrayList<>();
    roots.add(builder.home.plugins());
    if (builder.bundledPlugins != null) {
      roots.add(builder.bundledPlugins);
    }
    return roots;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The runtime's version, which plugins' {@code plugin.requires} is checked against. */
  public static String version() {
    return VERSION;
  }

  public PatchbayHome home() {
    return home;
  }

  public Catalog catalog() {
    return catalog;
  }

  @Override
  public void close() {
    pluginHost.close();
  }

  private static String readVersion() {
    try (InputStream in = PatchbayRuntime.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("version.properties missing from the engine jar", e);
    }
  }

  /** Configures a runtime. */
  public static final class Builder {
    private PatchbayHome home = PatchbayHome.fromEnvironment(System.getenv());
    private List<Path> pluginRoots;
    private Path bundledPlugins;

    private Builder() {}

    public Builder home(PatchbayHome home) {
      this.home = home;
      return this;
    }

    /**
     * Loads plugins from exactly these folders, instead of the home's {@code plugins} folder and the bundled one.
     */
    public Builder pluginRoots(List<Path> roots) {
      this.pluginRoots = List.copyOf(roots);
      return this;
    }

    /**
     * The distribution's own plugins folder, searched after the home's; a plugin the user dropped into the home
     * shadows a bundled plugin with the same id.
     */
    public Builder bundledPlugins(Path folder) {
      this.bundledPlugins = folder;
      return this;
    }

    /** Loads the plugins and builds the catalog; plugin failures are reported in the catalog, never thrown. */
    public PatchbayRuntime start() {
      return new PatchbayRuntime(this);
    }
  }
}
