package dev.patchbay.engine.catalog;

import dev.patchbay.engine.plugins.AdmissionPolicy;
import dev.patchbay.engine.plugins.AdmissionRefusedException;
import dev.patchbay.engine.plugins.LoadedPlugin;
import dev.patchbay.engine.plugins.PluginArchiveException;
import dev.patchbay.engine.plugins.PluginFolderWatcher;
import dev.patchbay.engine.plugins.PluginHost;
import dev.patchbay.engine.plugins.PluginReport;
import dev.patchbay.engine.plugins.PluginStatus;
import dev.patchbay.engine.plugins.PluginWatchSettings;
import dev.patchbay.engine.plugins.UnpackedArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins the runtime runs, kept in step with the archives in the plugin folders: at start, and whenever an
 * archive is added, replaced or removed while the runtime runs ({@link #reload}, {@link #rescan}, or a
 * {@link #watch watcher} calling them).
 *
 * <p>Every archive goes through the same checks, at start as later: the operator's {@link AdmissionPolicy} (allowed
 * id, pinned SHA-256) before anything is unpacked, safe unpacking, the descriptor, PF4J loading and starting, and the
 * definition and implementation checks of the catalog. Only a plugin that passes them all joins the catalog, and
 * only then does it take over from the version it replaces, which keeps serving otherwise. A replaced or removed
 * plugin leaves the catalog at once but is unloaded only when the calls running in it have returned: until then it is
 * {@link PluginStatus#DRAINING}, next to its successor.
 *
 * <p>When two archives carry one plugin id, the one in the earlier folder (then the earlier file name) serves and
 * the other is {@link PluginStatus#SHADOWED}; it takes over if the first one is removed. Changes are made one at a
 * time; the catalog is swapped whole after each, so readers never wait.
 *
 * <p>A change runs plugin code (a plugin's {@code start()}, its connectors' constructors), which may hang or call
 * {@code System.exit}. {@link #close()}, which the shutdown runs, therefore never waits for a change to finish.
 */
public final class PluginRegistry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

  /** How long closing waits for one plugin's {@code stop()}. */
  private static final long STOP_MILLIS = 5_000;

  private final PluginHost host;
  private final CatalogLoader admission;
  private final DefinitionFolders definitions;
  /** Held by a change from start to end, plugin code included; never by {@link #close()}. */
  private final ReentrantLock changing = new ReentrantLock();
  /** Every plugin started and not unloaded yet, serving or draining: what {@link #close()} stops. */
  private final Set<LoadedPlugin> started = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private final Catalog catalog = new Catalog();
  private final Map<Path, Slot> slots = new HashMap<>();
  private final List<Draining> draining = new ArrayList<>();
  private final Map<String, String> departures = new HashMap<>();
  private final List<Consumer<PluginChange>> listeners = new CopyOnWriteArrayList<>();
  // Unloading runs a plugin's stop(); it must not delay the call whose return made the plugin idle.
  private final ExecutorService unloader = Executors.newSingleThreadExecutor(task -> {
    Thread thread = new Thread(task, "patchbay-plugin-unloader");
    thread.setDaemon(true);
    return thread;
  });

  /** One archive of a plugin folder and the plugin serving from it, if any. */
  private static final class Slot {
    final Path archive;
    /** The content last looked at, so an unchanged archive is left alone; null when it could not be read. */
    String digest;
    /**
     * The admission policy that refused this content, if it was refused by one: under another policy the same
     * content is judged again, so an operator who allows or re-pins a refused archive need only touch it.
     */
    AdmissionPolicy refusedUnder;
    PluginReport report;
    Live live;

    Slot(Path archive) {
      this.archive = archive;
    }
  }

  /** A plugin in the catalog. */
  private record Live(LoadedPlugin plugin, PluginReport report, List<CatalogEntry> entries, PluginUsage usage) {
    String pluginId() {
      return report.pluginId();
    }

    String label() {
      return report.pluginId() + " " + report.version() + " (" + report.fileName() + ")";
    }
  }

  /** A plugin out of the catalog, finishing its running calls. */
  private record Draining(LoadedPlugin plugin, PluginReport report) {}

  /** A registry with nothing loaded yet; {@link #rescan()} loads the plugin folders. */
  public PluginRegistry(PluginHost host, CatalogLoader admission) {
    this(host, admission, List.of());
  }

  /**
   * A registry that also serves the bare connector definitions ({@code *.json}) of {@code definitionRoots}, earlier
   * folders first; a plugin's connector wins over a definition with its id.
   */
  public PluginRegistry(PluginHost host, CatalogLoader admission, List<Path> definitionRoots) {
    this.host = host;
    this.admission = admission;
    this.definitions = new DefinitionFolders(definitionRoots, admission.reader(), host::admissionPolicy);
  }

  /** The catalog this registry keeps; the same object for the registry's whole life. */
  public Catalog catalog() {
    return catalog;
  }

  /** The plugin folders, earlier ones first. */
  public List<Path> roots() {
    return host.roots();
  }

  /** The operator's admission policy as its file says now: what every archive checked from now on must pass. */
  public AdmissionPolicy admissionPolicy() {
    return host.admissionPolicy();
  }

  /**
   * Brings one archive of a plugin folder in step: loads it when new, replaces its plugin when its content changed,
   * removes its plugin when the file is gone. An archive whose content is what was looked at last is left alone.
   *
   * @param archive a {@code *.zip} directly in one of the plugin folders
   * @throws IllegalArgumentException when it is not
   */
  public PluginChange reload(Path archive) {
    Path located = locate(archive);
    changing.lock();
    try {
      return reloadLocked(located);
    } finally {
      changing.unlock();
    }
  }

  private PluginChange reloadLocked(Path located) {
    if (!Files.exists(located)) {
      return remove(located);
    }
    Slot slot = slots.computeIfAbsent(located, Slot::new);
    String digest;
    try {
      digest = host.digest(located);
    } catch (PluginArchiveException e) {
      slot.digest = null;
      return notActivated(slot, PluginReport.refused(located, e.getMessage()));
    }
    AdmissionPolicy policy = host.admissionPolicy();
    if (digest.equals(slot.digest) && (slot.refusedUnder == null || slot.refusedUnder.equals(policy))) {
      Optional<String> revoked = slot.live == null || !policy.problems().isEmpty() ? Optional.empty()
          : policy.refusal(located, slot.live.pluginId(), digest);
      if (revoked.isPresent()) {
        return revoke(slot, policy, revoked.get());
      }
      return new PluginChange(PluginChange.Kind.UNCHANGED, located, slot.report.pluginId(), slot.report.version(),
          null, null);
    }
    slot.digest = digest;
    slot.refusedUnder = null;
    UnpackedArchive unpacked;
    try {
      unpacked = host.admit(located, policy);
    } catch (AdmissionRefusedException e) {
      slot.refusedUnder = policy;
      return notActivated(slot, new PluginReport(located, e.pluginId(), e.version(), PluginStatus.FAILED, List.of(),
          e.getMessage()));
    } catch (PluginArchiveException e) {
      return notActivated(slot, PluginReport.refused(located, e.getMessage()));
    }
    // What was admitted is the content to compare with next time, should the file have changed since it was hashed.
    slot.digest = unpacked.digest();
    return activate(slot, unpacked);
  }

  /** Reloads every archive of the plugin folders, in precedence order, and removes the plugins of vanished ones. */
  public List<PluginChange> rescan() {
    changing.lock();
    try {
      return rescanLocked();
    } finally {
      changing.unlock();
    }
  }

  private List<PluginChange> rescanLocked() {
    List<PluginChange> changes = new ArrayList<>();
    List<Path> present = host.archives();
    for (Path archive : present) {
      changes.add(reload(archive));
    }
    for (Path known : new ArrayList<>(slots.keySet())) {
      if (!present.contains(known)) {
        changes.add(reload(known));
      }
    }
    if (definitions.rescan(this::pluginEntry, usage -> usage.retire(() -> { }))) {
      publish();
    }
    return changes.stream().filter(change -> change.kind() != PluginChange.Kind.UNCHANGED).toList();
  }

  /**
   * Starts watching the plugin folders: an archive that was added, changed or removed is reloaded once it has stayed
   * the same for the settle time, and every archive is judged again when the admission policy file changed. Close
   * the watcher to stop.
   */
  public PluginFolderWatcher watch(PluginWatchSettings settings) {
    return PluginFolderWatcher.start(host.roots(), definitions.roots(), settings, this::reload,
        host.admissionPolicy().file(), this::rescan);
  }

  /**
   * Tells {@code listener} of every change from now on, until the returned handle is closed. Listeners run on the
   * thread making the change, one change at a time: keep them short, and do not change plugins from them.
   */
  public Subscription onChange(Consumer<PluginChange> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** A listener's registration; closing it stops the notifications. */
  @FunctionalInterface
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  private PluginChange activate(Slot slot, UnpackedArchive unpacked) {
    Optional<Slot> winner = liveSlotOf(unpacked.pluginId())
        .filter(other -> other != slot && host.precedence().compare(other.archive, slot.archive) < 0);
    if (winner.isPresent()) {
      return notActivated(slot, new PluginReport(slot.archive, unpacked.pluginId(), unpacked.version(),
          PluginStatus.SHADOWED, List.of(), shadowedBy(unpacked.pluginId(), winner.get().archive)));
    }
    LoadedPlugin loaded = host.load(unpacked);
    if (loaded.report().status() != PluginStatus.ACTIVE) {
      return notActivated(slot, loaded.report());
    }
    started.add(loaded);
    if (closed) {
      // It started while the runtime closed: close() no longer looks, so it is stopped here.
      unloadNow(loaded);
      return notActivated(slot, loaded.report().failed("the runtime closed while it started"));
    }
    String pluginId = loaded.report().pluginId();
    // What this plugin takes over from: the archive's previous plugin, and a later archive's plugin with its id.
    List<Slot> displaced = slots.values().stream()
        .filter(other -> other.live != null && (other == slot || other.live.pluginId().equals(pluginId)))
        .toList();
    Set<String> freed = new HashSet<>();
    displaced.forEach(other -> other.live.entries().forEach(entry -> freed.add(entry.id())));
    List<CatalogEntry> entries;
    try {
      entries = admission.admit(loaded, id -> freed.contains(id) ? Optional.empty() : catalog.connector(id));
    } catch (RejectedConnectorException e) {
      unloadNow(loaded);
      return notActivated(slot, loaded.report().failed(e.getMessage()));
    }
    PluginReport report = new PluginReport(slot.archive, pluginId, loaded.report().version(), PluginStatus.ACTIVE,
        entries.stream().map(CatalogEntry::id).toList(), null);
    Live live = new Live(loaded, report, entries, new PluginUsage());
    Live previous = slot.live != null ? slot.live : displaced.isEmpty() ? null : displaced.get(0).live;
    String previousIdHere = slot.live == null ? null : slot.live.pluginId();
    for (Slot other : displaced) {
      Live old = other.live;
      old.entries().forEach(entry -> departures.put(entry.id(), "Connector '" + entry.id() + "' is no longer "
          + "available: its plugin " + old.label() + " was replaced by " + live.label() + ", which does not provide "
          + "it."));
      retire(old, "replaced by " + live.label());
      if (other != slot) {
        other.live = null;
        other.report = old.report().with(PluginStatus.SHADOWED, shadowedBy(pluginId, slot.archive));
      }
    }
    entries.forEach(entry -> departures.remove(entry.id()));
    slot.live = live;
    slot.report = report;
    publish();
    PluginChange change = fire(new PluginChange(previous == null ? PluginChange.Kind.LOADED
        : PluginChange.Kind.REPLACED, slot.archive, pluginId, report.version(),
        previous == null ? null : previous.report().version(), null));
    if (previousIdHere != null && !previousIdHere.equals(pluginId)) {
      promoteShadowed(previousIdHere);
    }
    return change;
  }

  /** New content of the slot's archive that does not serve; a plugin serving from the archive keeps serving. */
  private PluginChange notActivated(Slot slot, PluginReport refused) {
    String serving = null;
    if (slot.live == null) {
      slot.report = refused;
    } else {
      serving = slot.live.report().version();
      slot.report = slot.live.report().with(PluginStatus.ACTIVE, "newer content of " + slot.archive.getFileName()
          + " was refused: " + refused.error() + "; version " + serving + " keeps serving");
    }
    publish();
    PluginChange.Kind kind = refused.status() == PluginStatus.SHADOWED ? PluginChange.Kind.SHADOWED
        : PluginChange.Kind.FAILED;
    return fire(new PluginChange(kind, slot.archive, refused.pluginId(), refused.version(), serving,
        refused.error()));
  }

  private PluginChange remove(Path archive) {
    Slot slot = slots.remove(archive);
    if (slot == null) {
      return new PluginChange(PluginChange.Kind.UNCHANGED, archive, null, null, null, null);
    }
    Live live = slot.live;
    if (live != null) {
      live.entries().forEach(entry -> departures.put(entry.id(), "Connector '" + entry.id() + "' is no longer "
          + "available: its plugin " + live.label() + " was removed from the plugins folder."));
      retire(live, "removed from the plugins folder");
    }
    publish();
    PluginChange change = fire(new PluginChange(PluginChange.Kind.REMOVED, archive, slot.report.pluginId(),
        slot.report.version(), null, "removed from the plugins folder"));
    if (live != null) {
      promoteShadowed(live.pluginId());
    }
    return change;
  }

  /**
   * Takes a serving plugin out because the operator's policy no longer admits it (its id left {@code allow}, or its
   * pin changed): new calls are refused at once, running ones finish, then it is unloaded. A malformed policy revokes
   * nothing: a typo while editing the file must not stop what runs; it only keeps new archives out.
   */
  private PluginChange revoke(Slot slot, AdmissionPolicy policy, String reason) {
    Live live = slot.live;
    live.entries().forEach(entry -> departures.put(entry.id(), "Connector '" + entry.id() + "' is no longer "
        + "available: its plugin " + live.label() + " is no longer admitted: " + reason));
    retire(live, "no longer admitted");
    slot.live = null;
    slot.refusedUnder = policy;
    slot.report = new PluginReport(slot.archive, live.pluginId(), live.report().version(), PluginStatus.FAILED,
        List.of(), reason);
    publish();
    PluginChange change = fire(new PluginChange(PluginChange.Kind.FAILED, slot.archive, live.pluginId(),
        live.report().version(), null, reason));
    promoteShadowed(live.pluginId());
    return change;
  }

  /** Lets the first archive that was shadowed by a plugin id that is gone now serve in its place. */
  private void promoteShadowed(String pluginId) {
    for (Slot candidate : inPrecedenceOrder()) {
      if (candidate.live == null && candidate.report.status() == PluginStatus.SHADOWED
          && pluginId.equals(candidate.report.pluginId())) {
        // Its content has not changed, but what kept it out has.
        candidate.digest = null;
        if (reload(candidate.archive).kind() == PluginChange.Kind.LOADED) {
          return;
        }
      }
    }
  }

  private void retire(Live live, String reason) {
    Draining leaving = new Draining(live.plugin(),
        live.report().with(PluginStatus.DRAINING, reason + "; unloaded when its running activities finish"));
    draining.add(leaving);
    live.usage().retire(() -> unloadLater(leaving));
  }

  private void unloadLater(Draining leaving) {
    try {
      unloader.execute(() -> unload(leaving));
    } catch (RejectedExecutionException closing) {
      // The registry is closing, and close() unloads every plugin itself.
    }
  }

  private void unloadNow(LoadedPlugin plugin) {
    plugin.unload();
    started.remove(plugin);
  }

  private void unload(Draining leaving) {
    unloadNow(leaving.plugin());
    changing.lock();
    try {
      draining.remove(leaving);
      UnpackedArchive unpacked = leaving.plugin().unpacked();
      if (!inUse(unpacked)) {
        try {
          host.deleteUnpacked(unpacked);
        } catch (IOException e) {
          LOG.warn("cannot delete {}, the unpacked copy of an unloaded plugin: {}", unpacked.folder(), e.toString());
        }
      }
      publish();
      PluginReport report = leaving.report();
      fire(new PluginChange(PluginChange.Kind.UNLOADED, report.archive(), report.pluginId(), report.version(), null,
          null));
    } finally {
      changing.unlock();
    }
  }

  /** Whether a plugin still runs from the unpacked folder, or an archive still holds its content. */
  private boolean inUse(UnpackedArchive unpacked) {
    return slots.values().stream().anyMatch(slot -> unpacked.digest().equals(slot.digest)
        || slot.live != null && slot.live.plugin().unpacked().folder().equals(unpacked.folder()))
        || draining.stream().anyMatch(other -> other.plugin().unpacked().folder().equals(unpacked.folder()));
  }

  private void publish() {
    record Row(Path archive, int rank, PluginReport report) {}
    List<Row> rows = new ArrayList<>();
    SortedMap<String, CatalogEntry> entries = new TreeMap<>();
    Map<String, PluginUsage> usages = new HashMap<>();
    for (Slot slot : slots.values()) {
      rows.add(new Row(slot.archive, 0, slot.report));
      if (slot.live != null) {
        for (CatalogEntry entry : slot.live.entries()) {
          entries.put(entry.id(), entry);
          usages.put(entry.id(), slot.live.usage());
        }
      }
    }
    draining.forEach(leaving -> rows.add(new Row(leaving.report().archive(), 1, leaving.report())));
    rows.sort(Comparator.comparing(Row::archive, host.precedence()).thenComparingInt(Row::rank));
    for (DefinitionFolders.Slot slot : definitions.slots()) {
      rows.add(new Row(slot.file, 2, slot.report));
      if (slot.entry != null && !entries.containsKey(slot.entry.id())) {
        entries.put(slot.entry.id(), slot.entry);
        usages.put(slot.entry.id(), slot.usage);
      }
    }
    catalog.publish(new Catalog.Contents(entries, usages, rows.stream().map(Row::report).toList(), departures));
  }

  /** The catalog entry a plugin serves for a connector id. */
  private Optional<CatalogEntry> pluginEntry(String connectorId) {
    return slots.values().stream().filter(slot -> slot.live != null)
        .flatMap(slot -> slot.live.entries().stream()).filter(entry -> entry.id().equals(connectorId)).findFirst();
  }

  private PluginChange fire(PluginChange change) {
    for (Consumer<PluginChange> listener : listeners) {
      try {
        listener.accept(change);
      } catch (RuntimeException e) {
        LOG.warn("a plugin change listener failed on {}: {}", change, e.toString());
      }
    }
    return change;
  }

  private Optional<Slot> liveSlotOf(String pluginId) {
    return slots.values().stream().filter(slot -> slot.live != null && slot.live.pluginId().equals(pluginId))
        .findFirst();
  }

  private List<Slot> inPrecedenceOrder() {
    return slots.values().stream().sorted(Comparator.comparing(slot -> slot.archive, host.precedence())).toList();
  }

  private static String shadowedBy(String pluginId, Path winner) {
    return "plugin id '" + pluginId + "' is already loaded from " + winner;
  }

  /** The archive as a plugin folder's path, the form the registry knows it by. */
  private Path locate(Path archive) {
    if (!PluginHost.isPluginArchive(archive)) {
      throw new IllegalArgumentException(archive + " is not a plugin archive (a *.zip whose name does not start "
          + "with '.')");
    }
    Path folder = archive.toAbsolutePath().normalize().getParent();
    for (Path root : host.roots()) {
      if (root.toAbsolutePath().normalize().equals(folder)) {
        return root.resolve(archive.getFileName().toString());
      }
    }
    throw new IllegalArgumentException(archive + " is not in a plugins folder (" + host.roots() + ")");
  }

  /**
   * Stops every plugin, the draining ones included, and closes their class loaders. Takes no lock a change holds:
   * the shutdown calls this, possibly because a plugin's {@code start()} called {@code System.exit} in the middle of
   * a change, which then never ends. A plugin whose {@code stop()} does not return within a few seconds is named in
   * the log and left to the end of the process.
   */
  @Override
  public void close() {
    closed = true;
    unloader.shutdown();
    Map<Thread, String> stopping = new HashMap<>();
    for (LoadedPlugin plugin : started) {
      Thread thread = new Thread(() -> unloadNow(plugin), "patchbay-plugin-stop");
      thread.setDaemon(true);
      thread.start();
      stopping.put(thread, plugin.report().pluginId() + " (" + plugin.report().fileName() + ")");
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_MILLIS);
    for (Map.Entry<Thread, String> stop : stopping.entrySet()) {
      try {
        stop.getKey().join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (stop.getKey().isAlive()) {
        LOG.warn("plugin {} did not return from stop() within {} ms; left to the end of the process",
            stop.getValue(), STOP_MILLIS);
      }
    }
  }
}
