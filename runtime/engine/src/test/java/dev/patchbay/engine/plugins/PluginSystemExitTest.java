package dev.patchbay.engine.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.patchbay.engine.testing.Definitions;
import dev.patchbay.engine.testing.PluginZipBuilder;
import dev.patchbay.engine.testplugins.EchoConnector;
import dev.patchbay.engine.testplugins.ExitingEchoConnector;
import dev.patchbay.engine.testplugins.ExitingStartPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin that calls {@code System.exit}, in a child JVM hosting a runtime with a shutdown hook as {@code serve}
 * does: the process ends (a supervisor can restart it) instead of hanging, and the log names the plugin.
 */
class PluginSystemExitTest {

  private static final long BOUND_SECONDS = 60;

  @TempDir Path home;

  @Test
  void aPluginExitingInStartDuringAHotLoadEndsTheProcessInsteadOfHangingItAndIsNamed() throws Exception {
    Process child = child("start");
    Path log = home.resolve("child.log");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
    while (!Files.exists(home.resolve("serving"))) {
      if (!child.isAlive() || System.nanoTime() > deadline) {
        child.destroyForcibly();
        fail("the child never served:\n" + Files.readString(log));
      }
      Thread.sleep(20);
    }
    new PluginZipBuilder("quitter")
        .extension(EchoConnector.class)
        .resource("connectors/echo.json", Definitions.echoText())
        .withClass(ExitingStartPlugin.class)
        .descriptor("plugin.class", ExitingStartPlugin.class.getName())
        .writeTo(home.resolve("plugins"), "quitter.zip");

    assertEquals(42, exitCode(child), "the plugin's exit status");
    assertTrue(Files.readString(log).contains("plugin quitter called System.exit while starting (from quitter.zip)"),
        Files.readString(log));
  }

  @Test
  void aPluginExitingInAnActivityEndsTheProcessAndIsNamed() throws Exception {
    new PluginZipBuilder("echo")
        .extension(ExitingEchoConnector.class)
        .withClass(EchoConnector.class)
        .resource("connectors/echo.json", Definitions.echoText())
        .writeTo(home.resolve("plugins"), "echo.zip");

    Process child = child("activity");

    assertEquals(43, exitCode(child));
    String output = Files.readString(home.resolve("child.log"));
    // The plugin exited on its caller's own thread, which the exit keeps: the trade-off of running plugin code on
    // its caller's thread (README, the flow of one activity).
    assertTrue(!output.contains("ANSWER"), output);
    assertTrue(output.contains("plugin echo called System.exit while running echo/messages.echo"), output);
  }

  private Process child(String mode) throws Exception {
    Files.createDirectories(home.resolve("plugins"));
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ExitingPluginMain.class.getName(), home.toString(), mode)
        .redirectErrorStream(true).redirectOutput(home.resolve("child.log").toFile()).start();
  }

  private int exitCode(Process child) throws Exception {
    if (!child.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)) {
      child.destroyForcibly().waitFor(BOUND_SECONDS, TimeUnit.SECONDS);
      fail("the child neither served nor exited (hung in its shutdown):\n"
          + Files.readString(home.resolve("child.log")));
    }
    return child.exitValue();
  }
}
