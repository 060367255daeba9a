package dev.patchbay.engine.plugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches plugin folders and hands each archive that was added, changed or removed to a reload function once the
 * change has held still (see {@link PluginWatchSettings}). File-system events make it look at once; a periodic
 * rescan catches what events miss. Only plugin archives count ({@link PluginHost#isPluginArchive}): a copy in
 * progress under a temporary name is not looked at until it is renamed.
 *
 * <p>The first scan sees every archive as changed; reloading an archive whose content is loaded already does
 * nothing, so this also catches what changed between loading and watching.
 *
 * <p>It also looks at the admission policy file at every scan: a settled change of it (or its removal) re-judges
 * every archive, so a running server applies an operator's edit without a restart.
 */
public final class PluginFolderWatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PluginFolderWatcher.class);
  private static final long JOIN_MILLIS = 5_000;

  private final List<Path> roots;
  private final List<Path> definitionRoots;
  private final PluginWatchSettings settings;
  private final Clock clock;
  private final Consumer<Path> reload;
  private final Path policyFile;
  private final Runnable policyChanged;
  private final SettledChanges changes;
  private final WatchService events;
  private final Map<Path, WatchKey> watched = new HashMap<>();
  private final Thread thread;
  private volatile boolean closed;

  /** A watcher that scans only when told to ({@link #scan()}), with the given clock; {@link #start} runs one. */
  PluginFolderWatcher(List<Path> roots, PluginWatchSettings settings, Clock clock, Consumer<Path> reload,
      Path policyFile, Runnable policyChanged) {
    this(roots, List.of(), settings, clock, reload, policyFile, policyChanged);
  }

  /**
   * @param definitionRoots folders of bare connector definitions ({@code *.json}): a settled change of one of them
   *     rescans everything, as a policy change does
   */
  PluginFolderWatcher(List<Path> roots, List<Path> definitionRoots, PluginWatchSettings settings, Clock clock,
      Consumer<Path> reload, Path policyFile, Runnable policyChanged) {
    this.roots = List.copyOf(roots);
    this.definitionRoots = List.copyOf(definitionRoots);
    this.settings = settings;
    this.clock = clock;
    this.reload = reload;
    this.policyFile = policyFile;
    this.policyChanged = policyChanged;
    this.changes = new SettledChanges(settings.settle());
    try {
      this.events = FileSystems.getDefault().newWatchService();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot watch the plugin folders", e);
    }
    this.thread = new Thread(this::run, "patchbay-plugin-watcher");
    thread.setDaemon(true);
  }

  /** Starts watching on a thread of its own, on the system clock. */
  public static PluginFolderWatcher start(List<Path> roots, List<Path> definitionRoots,
      PluginWatchSettings settings, Consumer<Path> reload, Path policyFile, Runnable policyChanged) {
    PluginFolderWatcher watcher = new PluginFolderWatcher(roots, definitionRoots, settings, Clock.systemUTC(),
        reload, policyFile, policyChanged);
    watcher.thread.start();
    return watcher;
  }

  /** Looks at every folder once and reloads the archives whose change has settled. */
  synchronized void scan() {
    Map<Path, SettledChanges.FileState> seen = new HashMap<>();
    for (Path root : roots) {
      watchIfNew(root);
      for (Path archive : PluginHost.archivesIn(root)) {
        look(archive, seen);
      }
    }
    for (Path root : definitionRoots) {
      watchIfNew(root);
      try (java.util.stream.Stream<Path> files = Files.list(root)) {
        files.filter(file -> file.getFileName().toString().endsWith(".json")).forEach(file -> look(file, seen));
      } catch (IOException absent) {
        // No such folder yet: nothing to look at.
      }
    }
    look(policyFile, seen);
    boolean rescanned = false;
    for (Path changed : changes.settled(seen, clock.instant())) {
      try {
        boolean definition = definitionRoots.contains(changed.getParent());
        if (changed.equals(policyFile) || definition) {
          if (!rescanned) {
            policyChanged.run();
          }
          rescanned = true;
        } else {
          reload.accept(changed);
        }
      } catch (RuntimeException e) {
        LOG.warn("reloading {} failed: {}", changed, e.toString(), e);
      }
    }
  }

  private static void look(Path file, Map<Path, SettledChanges.FileState> seen) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      seen.put(file, new SettledChanges.FileState(attributes.size(), attributes.lastModifiedTime()));
    } catch (IOException gone) {
      // Absent: removed between listing and reading, or not there at all; the next scan sees it the same way.
    }
  }

  private void watchIfNew(Path root) {
    WatchKey key = watched.get(root);
    if (key != null && key.isValid() || !Files.isDirectory(root)) {
      return;
    }
    try {
      watched.put(root, root.register(events, StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY));
    } catch (IOException | ClosedWatchServiceException e) {
      // The periodic rescan still sees the folder.
      LOG.debug("cannot watch {} for events: {}", root, e.toString());
    }
  }

  private void run() {
    try {
      while (!closed) {
        scan();
        WatchKey key = events.poll(untilNextScan().toMillis(), TimeUnit.MILLISECONDS);
        // Which file an event names does not matter: the next scan looks at everything.
        while (key != null) {
          key.pollEvents();
          key.reset();
          key = events.poll();
        }
      }
    } catch (ClosedWatchServiceException | InterruptedException stopped) {
      // close() was called.
    }
  }

  private Duration untilNextScan() {
    Instant now = clock.instant();
    return changes.nextSettling()
        .map(settling -> Duration.between(now, settling))
        .filter(wait -> wait.compareTo(settings.rescanEvery()) < 0)
        .map(wait -> wait.isNegative() ? Duration.ZERO : wait)
        .orElse(settings.rescanEvery());
  }

  /** Stops watching; a reload in progress finishes first. */
  @Override
  public void close() {
    closed = true;
    try {
      events.close();
    } catch (IOException e) {
      LOG.debug("closing the plugin folder watch: {}", e.toString());
    }
    if (thread.isAlive() && Thread.currentThread() != thread) {
      try {
        thread.join(JOIN_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
