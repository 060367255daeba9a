package dev.patchbay.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.plugins.AdmissionPins;
import dev.patchbay.engine.plugins.PluginArchives;
import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.testing.Definitions;
import dev.patchbay.engine.testing.PluginZipBuilder;
import dev.patchbay.engine.testplugins.EchoConnector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new Patchbay home, after the commands a user runs first: the home and everything in it is owner-only. (Run
 * records: {@code WorkflowRunTest}.)
 */
class OwnerOnlyHomeTest {

  @TempDir Path folder;

  @Test
  void aNewHomeAndEverythingCreatedInItIsOwnerOnly() throws Exception {
    Path home = folder.resolve("home");
    Path bundled = folder.resolve("bundled");
    Path zip = new PluginZipBuilder("echo").extension(EchoConnector.class)
        .resource("connectors/echo.json", Definitions.echoText()).writeTo(bundled);
    try (PatchbayRuntime runtime = PatchbayRuntime.builder().home(new PatchbayHome(home)).bundledPlugins(bundled)
        .environment(Map.of()).start()) {
      runtime.connections().list();
      runtime.webhookSecrets().set("echo", Secret.of("webhook-token"));
      AdmissionPins.pin(runtime.home().pluginAdmissionPolicy(), "echo", PluginArchives.digest(zip));
    }

    List<String> loose;
    try (Stream<Path> paths = Files.walk(home)) {
      loose = paths.filter(path -> !PosixFilePermissions.toString(permissions(path))
              .equals(Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "rwx------" : "rw-------"))
          .map(path -> home.relativize(path) + " " + PosixFilePermissions.toString(permissions(path))).toList();
    }
    assertEquals(List.of(), loose);
    try (Stream<Path> top = Files.list(home)) {
      assertEquals(List.of("cache", "config", "connections", "keys", "webhooks"),
          top.map(path -> path.getFileName().toString()).sorted().toList(), "what was exercised");
    }
  }

  private static Set<PosixFilePermission> permissions(Path path) {
    try {
      return Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
