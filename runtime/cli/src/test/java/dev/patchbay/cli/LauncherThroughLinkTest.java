package dev.patchbay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 16: {@code bin/patchbay} started through symbolic links (one in {@code ~/bin} pointing at another)
 * finds its distribution, here one laid out from the launcher and the test's class path.
 */
class LauncherThroughLinkTest {

  @TempDir
  Path work;

  @Test
  void theLauncherStartsThroughAChainOfSymbolicLinks() throws Exception {
    Path dist = work.resolve("patchbay");
    Path launcher = Files.copy(Path.of("src", "main", "dist", "bin", "patchbay"),
        Files.createDirectories(dist.resolve("bin")).resolve("patchbay"));
    assertTrue(launcher.toFile().setExecutable(true));
    // lib/ as the launcher reads it, *.jar in name order: the test's class path in its order, a classes folder under
    // a jar's name (the JVM takes a folder on the class path for what it is).
    Path lib = Files.createDirectories(dist.resolve("lib"));
    int order = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path target = Path.of(entry).toAbsolutePath();
      String name = String.format("%04d-%s", order++, target.getFileName());
      Files.createSymbolicLink(lib.resolve(name.endsWith(".jar") ? name : name + ".jar"), target);
    }
    // ~/bin/patchbay -> ../links/patchbay (relative) -> the launcher (absolute).
    Path links = Files.createDirectories(work.resolve("links"));
    Files.createSymbolicLink(links.resolve("patchbay"), launcher);
    Path link = Files.createSymbolicLink(Files.createDirectories(work.resolve("bin")).resolve("patchbay"),
        Path.of("..", "links", "patchbay"));

    Path log = work.resolve("output.txt");
    ProcessBuilder builder = new ProcessBuilder(link.toString(), "--version").redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process process = builder.start();
    boolean ended = process.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);

    assertTrue(ended, "still running after 60 s: " + output);
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.matches("patchbay \\d+\\.\\d+\\.\\d+\\S*\\n"), output);
  }
}
