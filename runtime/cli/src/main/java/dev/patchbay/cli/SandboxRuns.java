package dev.patchbay.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * The sandboxes of {@code run --sandbox} runs, kept so that {@code run --resume ID} starts the run's sandboxes again
 * from the state they had: {@code $PATCHBAY_HOME/sandbox/runs/RUN_ID.properties} names, per connector the run used,
 * the auth type, the port (step outputs recorded before hold URLs with it, such as download links) and the folder
 * the sandbox keeps its state in. A run that succeeded has nothing left to resume, so its sandboxes are forgotten.
 */
final class SandboxRuns {

  /** The sandbox one run used. */
  record Used(String connector, String authType, int port, Path state) {}

  private final Path folder;

  SandboxRuns(Path home) {
    this.folder = home.resolve("sandbox").resolve("runs");
  }

  /** A new, empty folder for a sandbox's state. */
  Path newState(String connector) {
    Path state = folder.resolve("state-" + UUID.randomUUID()).resolve(connector);
    try {
      Files.createDirectories(state);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the sandbox state folder " + state, e);
    }
    return state;
  }

  /** The port of a sandbox's base URL. */
  static int port(String baseUrl) {
    return URI.create(baseUrl).getPort();
  }

  void remember(String runId, List<Used> sandboxes) {
    Properties properties = new Properties();
    properties.setProperty("connectors", String.join(",", sandboxes.stream().map(Used::connector).toList()));
    for (Used used : sandboxes) {
      properties.setProperty(used.connector() + ".authType", used.authType());
      properties.setProperty(used.connector() + ".port", String.valueOf(used.port()));
      properties.setProperty(used.connector() + ".state", used.state().toString());
    }
    Path file = file(runId);
    try {
      Path temporary = Files.createTempFile(folder, runId, ".tmp");
      try (Writer out = Files.newBufferedWriter(temporary)) {
        properties.store(out, "the sandbox of run " + runId + ", for patchbay run --resume " + runId);
      }
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The sandboxes the run used, empty when it used none or their state is gone. */
  List<Used> of(String runId) {
    if (!runId.matches("[A-Za-z0-9-]+")) {
      return List.of();
    }
    Path file = file(runId);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      properties.load(in);
      List<Used> sandboxes = new ArrayList<>();
      for (String connector : properties.getProperty("connectors").split(",")) {
        sandboxes.add(new Used(connector, properties.getProperty(connector + ".authType"),
            Integer.parseInt(properties.getProperty(connector + ".port")),
            Path.of(properties.getProperty(connector + ".state"))));
      }
      return sandboxes;
    } catch (IOException | RuntimeException e) {
      throw new UserException(ExitCode.INVALID, "the sandbox record " + file + " of run " + runId
          + " cannot be read (" + e.getMessage() + "); the run cannot be resumed on its sandbox");
    }
  }

  /** Deletes what was kept for the run's sandboxes. */
  void forget(String runId, List<Used> sandboxes) {
    try {
      for (Used used : sandboxes) {
        deleteTree(used.state().getParent());
      }
      Files.deleteIfExists(file(runId));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the sandbox state of run " + runId, e);
    }
  }

  private Path file(String runId) {
    return folder.resolve(runId + ".properties");
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
        Files.delete(directory);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
