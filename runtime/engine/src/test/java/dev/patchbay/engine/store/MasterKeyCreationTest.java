package dev.patchbay.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master key file is created whole: by one of many processes racing on a fresh home, never seen empty. */
class MasterKeyCreationTest {

  private static final int PROCESSES = 8;

  @TempDir Path folder;

  @Test
  void eightProcessesOnAFreshHomeAllGetTheSameWholeKey() throws Exception {
    List<Process> children = new ArrayList<>();
    for (int i = 0; i < PROCESSES; i++) {
      children.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), MasterKeyCreator.class.getName(), folder.toString())
          .redirectErrorStream(true).start());
    }
    // All of them are started (their JVMs boot in the meantime); they spin on this file and then race.
    Files.writeString(folder.resolve("go"), "");
    Set<String> answers = new HashSet<>();
    for (Process child : children) {
      if (!child.waitFor(120, TimeUnit.SECONDS)) {
        child.destroyForcibly();
        throw new AssertionError("a child did not finish");
      }
      String output = new String(child.getInputStream().readAllBytes()).trim();
      assertEquals(0, child.exitValue(), output);
      answers.add(output);
    }

    Path keys = folder.resolve("keys");
    assertEquals(Set.of("KEY " + MasterKey.load(Map.of(), keys).id()), answers);
    try (Stream<Path> files = Files.list(keys)) {
      assertEquals(List.of("master.key"), files.map(file -> file.getFileName().toString()).toList(),
          "no temporary file is left behind");
    }
  }

  @Test
  void aCrashBeforeTheKeyIsLinkedLeavesNoKeyFileAndTheNextStartCreatesOne() throws Exception {
    Path keys = Files.createDirectories(folder.resolve("keys"));
    // What a process killed while writing leaves: its temporary file, never a master.key.
    Files.writeString(keys.resolve(".master.key12345.tmp"), "");

    MasterKey key = MasterKey.load(Map.of(), keys);

    assertEquals(key.id(), MasterKey.load(Map.of(), keys).id());
    assertEquals(45, Files.size(keys.resolve("master.key")), "base64 of 32 bytes and a newline");
  }
}
