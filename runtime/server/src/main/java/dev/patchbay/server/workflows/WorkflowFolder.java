package dev.patchbay.server.workflows;

import dev.patchbay.engine.workflows.definition.SourceException;
import dev.patchbay.engine.workflows.definition.SourceReader;
import dev.patchbay.engine.workflows.definition.Workflow;
import dev.patchbay.engine.workflows.definition.WorkflowBinder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The workflows the server was given to start ({@code patchbay serve --workflows FOLDER}): the {@code .yaml},
 * {@code .yml} and {@code .json} files directly in the folder, read afresh on every look, so a file added or edited
 * while serving is there at once. A workflow is named by its file name; only a listed name leads to a file.
 */
public final class WorkflowFolder {

  /**
   * One file: its name, and the workflow it declares (its inputs, steps); or why it cannot be read. A file that
   * reads may still have problems, which starting it lists.
   */
  public record Entry(String fileName, Path file, Workflow workflow, String unreadable) {

    /** The workflow's own name, else its file name. */
    public String title() {
      return workflow != null && workflow.name() != null && !workflow.name().isBlank() ? workflow.name() : fileName;
    }
  }

  private final Path folder;

  /** @param folder null when the server was started without one */
  public WorkflowFolder(Path folder) {
    this.folder = folder;
  }

  public boolean configured() {
    return folder != null;
  }

  public Path folder() {
    return folder;
  }

  /** Every workflow file, by name. */
  public List<Entry> list() {
    if (folder == null || !Files.isDirectory(folder)) {
      return List.of();
    }
    List<Entry> entries = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(WorkflowFolder::isWorkflowFile).sorted().toList()) {
        entries.add(read(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the workflows folder " + folder + ": " + e.getMessage(), e);
    }
    return entries;
  }

  /** The workflow file of this name, when the folder lists it. */
  public Optional<Entry> find(String fileName) {
    return list().stream().filter(entry -> entry.fileName().equals(fileName)).findFirst();
  }

  private static boolean isWorkflowFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(file) && !name.startsWith(".")
        && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
  }

  private static Entry read(Path file) {
    String name = file.getFileName().toString();
    try {
      return new Entry(name, file, WorkflowBinder.bind(SourceReader.read(file).root()), null);
    } catch (SourceException e) {
      return new Entry(name, file, null, e.getMessage());
    } catch (RuntimeException e) {
      // A document of the wrong shape: starting it lists its problems, with their lines.
      return new Entry(name, file, null, "not a workflow this server can read (" + e.getMessage() + ")");
    }
  }
}
