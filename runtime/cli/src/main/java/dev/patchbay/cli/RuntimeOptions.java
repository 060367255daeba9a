package dev.patchbay.cli;

import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every command that loads plugins shares. */
final class RuntimeOptions {

  /** Set by the launcher script to the distribution folder, whose plugins folder ships the bundled connectors. */
  static final String APP_HOME_PROPERTY = "patchbay.app.home";

  @Option(names = "--home", paramLabel = "DIR", description = "Patchbay home (default: $PATCHBAY_HOME, else ~/.patchbay)")
  Path home;

  @Option(names = "--plugins", paramLabel = "DIR",
      description = "Load plugin zips from this folder only (repeatable); default: $PATCHBAY_HOME/plugins, then the bundled plugins")
  List<Path> pluginRoots;

  /** How a command shows the provider's sign-in page. */
  dev.patchbay.engine.auth.Browser browser(java.io.PrintWriter out, boolean noBrowser) {
    return new dev.patchbay.engine.auth.SystemBrowser(out, noBrowser);
  }

  /**
   * The home named by a {@code --home} option, else by the environment; a path that exists but is not a folder (a
   * mistyped {@code --home /etc/passwd}) is a configuration error naming it.
   */
  static PatchbayHome home(Path option) {
    PatchbayHome home = option != null ? new PatchbayHome(option.toAbsolutePath())
        : PatchbayHome.fromEnvironment(System.getenv());
    if (java.nio.file.Files.exists(home.root()) && !java.nio.file.Files.isDirectory(home.root())) {
      throw new UserException(ExitCode.CONFIGURATION, "configuration: the Patchbay home " + home.root() + " is not a "
          + "folder: point " + (option != null ? "--home" : PatchbayHome.ENV) + " at a folder (a missing one is "
          + "created)");
    }
    return home;
  }

  PatchbayRuntime start() {
    PatchbayRuntime.Builder builder = PatchbayRuntime.builder().home(home(home));
    if (pluginRoots != null) {
      builder.pluginRoots(pluginRoots);
    }
    String appHome = System.getProperty(APP_HOME_PROPERTY);
    if (appHome != null) {
      builder.bundledPlugins(Path.of(appHome, "plugins"));
      builder.bundledConnectors(Path.of(appHome, "connectors"));
      builder.bundledVerifiedDefinitions(Path.of(appHome, "lib", "verified-definitions"));
    }
    return builder.start();
  }
}
