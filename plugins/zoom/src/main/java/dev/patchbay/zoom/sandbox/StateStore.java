package dev.patchbay.zoom.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The sandbox's state in a data directory: one {@value #FILE_NAME}, in the seed format plus the live OAuth grants,
 * rewritten after every change and read back at the next start.
 */
final class StateStore {

  static final String FILE_NAME = "state.json";

  private final Path file;
  private final Path temporary;

  StateStore(Path directory) throws IOException {
    Files.createDirectories(directory);
    this.file = directory.resolve(FILE_NAME);
    this.temporary = directory.resolve(FILE_NAME + ".tmp");
  }

  /** The saved state, or null when the directory holds none yet. */
  JsonNode load() throws IOException {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return SandboxJson.MAPPER.readTree(file);
    } catch (JacksonException e) {
      throw new IOException("the sandbox state " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Writes through a temporary file and an atomic rename, so a crash leaves the old state or the new, never half. */
  void save(JsonNode state) {
    try {
      byte[] bytes = SandboxJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(state);
      try (OutputStream out = Files.newOutputStream(temporary)) {
        out.write(bytes);
      }
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      try {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the sandbox state to " + file, e);
    }
  }
}
