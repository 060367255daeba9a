package dev.patchbay.engine.catalog;

import dev.patchbay.engine.declarative.DeclarativeConnector;
import dev.patchbay.engine.definitions.CheckedDefinition;
import dev.patchbay.engine.definitions.DefinitionReader;
import dev.patchbay.engine.definitions.InvalidDefinitionException;
import dev.patchbay.engine.definitions.VerifiedDefinitions;
import dev.patchbay.engine.plugins.AdmissionPolicy;
import dev.patchbay.engine.plugins.PluginReport;
import dev.patchbay.engine.plugins.PluginStatus;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Declarative connectors dropped in as bare {@code *.json} definitions, kept in step with their folders (earlier
 * folders first, like plugin folders): each file is checked like a plugin's definition, must need no code (every
 * operation has an {@code http} block, every auth type an {@code identify} call), and passes the admission policy
 * with the connector id as its id and the SHA-256 of the file as its pin. A file whose content did not change is
 * left alone; a changed one replaces its connector only when the new content passes, else the old one keeps
 * serving. A connector id that a plugin provides, or that an earlier file defines (a home folder's github.json over
 * the distribution's), leaves the file {@link PluginStatus#SHADOWED}, as plugin ids shadow each other: it takes
 * over when the winner is gone. Not thread-safe: {@link PluginRegistry} calls it under its own lock.
 */
final class DefinitionFolders {

  /** One definition file and what became of it. */
  static final class Slot {
    final Path file;
    String digest;
    /**
     * Whether the content did not serve for a reason outside the file: the admission policy refused it, or another
     * file or a plugin had its connector id. At the next rescan it is judged again.
     */
    boolean judgedByOthers;
    PluginReport report;
    CatalogEntry entry;
    PluginUsage usage;

    Slot(Path file) {
      this.file = file;
    }
  }

  private final List<Path> roots;
  private final DefinitionReader reader;
  private final Supplier<AdmissionPolicy> policy;
  private final Map<Path, Slot> slots = new LinkedHashMap<>();

  DefinitionFolders(List<Path> roots, DefinitionReader reader, Supplier<AdmissionPolicy> policy) {
    this.roots = List.copyOf(roots);
    this.reader = reader;
    this.policy = policy;
  }

  List<Path> roots() {
    return roots;
  }

  /** Whether {@code file} is a definition file of these folders: a {@code *.json} whose name does not start '.'. */
  static boolean isDefinition(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".json") && !name.startsWith(".");
  }

  /** Every definition file of the folders, in folder order and then by name. */
  List<Path> files() {
    List<Path> files = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      List<Path> inRoot = new ArrayList<>();
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(root, DefinitionFolders::isDefinition)) {
        stream.forEach(inRoot::add);
      } catch (IOException e) {
        continue;
      }
      inRoot.sort(null);
      files.addAll(inRoot);
    }
    return files;
  }

  /**
   * Brings every file in step.
   *
   * @param taken the catalog entry a plugin holds for a connector id, if any: plugins win over bare definitions
   * @param retire takes a replaced or removed connector out once its running calls have returned
   * @return whether anything changed
   */
  boolean rescan(Function<String, Optional<CatalogEntry>> taken, java.util.function.Consumer<PluginUsage> retire) {
    boolean changed = false;
    List<Path> present = files();
    for (Path known : new ArrayList<>(slots.keySet())) {
      if (!present.contains(known)) {
        Slot gone = slots.remove(known);
        if (gone.usage != null) {
          retire.accept(gone.usage);
        }
        changed = true;
      }
    }
    Map<String, Path> ids = new LinkedHashMap<>();
    Map<Path, Slot> inOrder = new LinkedHashMap<>();
    for (Path file : present) {
      Slot slot = slots.computeIfAbsent(file, Slot::new);
      inOrder.put(file, slot);
      changed |= load(slot, taken, ids, retire);
      if (slot.entry != null) {
        ids.put(slot.entry.id(), file);
      }
    }
    // A file added back lists where its folder and name put it, as it is judged.
    slots.clear();
    slots.putAll(inOrder);
    return changed;
  }

  private boolean load(Slot slot, Function<String, Optional<CatalogEntry>> taken, Map<String, Path> ids,
      java.util.function.Consumer<PluginUsage> retire) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(slot.file);
    } catch (IOException e) {
      return fail(slot, null, "cannot read " + slot.file + ": " + e.getMessage());
    }
    String digest = VerifiedDefinitions.sha256(bytes);
    AdmissionPolicy admission = policy.get();
    if (digest.equals(slot.digest) && !slot.judgedByOthers
        && (slot.entry == null || admission.refusal(slot.file, slot.entry.id(), digest).isEmpty()
            && winner(slot.entry.id(), slot.file, taken, ids).isEmpty())) {
      return false;
    }
    slot.digest = digest;
    slot.judgedByOthers = false;
    CheckedDefinition definition;
    try {
      definition = reader.check(slot.file.toString(), bytes, digest);
    } catch (InvalidDefinitionException e) {
      return fail(slot, null, "invalid definition: " + e.getMessage());
    }
    Optional<String> refused = admission.refusal(slot.file, definition.id(), digest);
    if (refused.isPresent()) {
      stopServing(slot, retire);
      return fail(slot, definition, refused.get());
    }
    Optional<String> winner = winner(definition.id(), slot.file, taken, ids);
    if (winner.isPresent()) {
      stopServing(slot, retire);
      PluginReport previous = slot.report;
      slot.report = new PluginReport(slot.file, definition.id(), definition.outline().version(),
          PluginStatus.SHADOWED, List.of(), "connector id '" + definition.id() + "' is already " + winner.get());
      // Judged again at every rescan; only a change is news.
      return !slot.report.equals(previous);
    }
    try {
      DeclarativeConnector.requireDeclarative(definition.outline());
    } catch (DeclarativeConnector.NotDeclarativeException e) {
      return fail(slot, definition, e.getMessage());
    }
    if (slot.usage != null) {
      retire.accept(slot.usage);
    }
    slot.entry = new CatalogEntry(definition, checked -> DeclarativeConnector.of(checked.definition()),
        definition.id(), slot.file);
    slot.usage = new PluginUsage();
    slot.report = new PluginReport(slot.file, definition.id(), definition.outline().version(), PluginStatus.ACTIVE,
        List.of(definition.id()), null);
    return true;
  }

  /** Where a connector id is served from already, in words: a plugin (they win) or an earlier file; else empty. */
  private static Optional<String> winner(String connectorId, Path file,
      Function<String, Optional<CatalogEntry>> taken, Map<String, Path> ids) {
    Optional<CatalogEntry> plugin = taken.apply(connectorId);
    if (plugin.isPresent()) {
      return Optional.of("provided by plugin " + plugin.get().pluginId() + " ("
          + plugin.get().archive().getFileName() + "), which wins over a bare definition");
    }
    Path earlier = ids.get(connectorId);
    return earlier != null && !earlier.equals(file) ? Optional.of("defined by " + earlier) : Optional.empty();
  }

  /** The file's connector leaves the catalog (after its running calls), for a reason outside the file. */
  private static void stopServing(Slot slot, java.util.function.Consumer<PluginUsage> retire) {
    slot.judgedByOthers = true;
    if (slot.usage != null) {
      retire.accept(slot.usage);
      slot.usage = null;
      slot.entry = null;
    }
  }

  /** New content that does not serve; a connector serving from the file keeps serving. */
  private static boolean fail(Slot slot, CheckedDefinition definition, String why) {
    String id = definition == null ? null : definition.id();
    String version = definition == null ? null : definition.outline().version();
    if (slot.entry != null) {
      String serving = slot.entry.outline().version();
      slot.report = new PluginReport(slot.file, slot.entry.id(), serving,
          PluginStatus.ACTIVE, List.of(slot.entry.id()), "newer content of " + slot.file.getFileName()
              + " was refused: " + why + "; version " + serving + " keeps serving");
    } else {
      slot.report = new PluginReport(slot.file, id, version, PluginStatus.FAILED, List.of(), why);
    }
    return true;
  }

  /** The slots, in folder and name order. */
  List<Slot> slots() {
    return List.copyOf(slots.values());
  }
}
