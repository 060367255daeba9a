package dev.patchbay.engine.connections;

import dev.patchbay.engine.store.SealedFiles;
import dev.patchbay.engine.store.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;

/**
 * One encrypted file per connection under {@code $PATCHBAY_HOME/connections} ({@code <id>.conn}, sealed with the
 * connection id as associated data). Updates that must not race — a token refresh above all — run inside
 * {@link #locked}: an in-process lock plus an OS file lock, so two threads or two processes never refresh one
 * connection at once, and the caller re-reads the file inside the lock.
 */
public final class ConnectionStore {

  private static final Pattern ID = Pattern.compile("^[a-z0-9-]{8,64}$");
  private static final String SUFFIX = ".conn";

  private final Path folder;
  private final SealedFiles sealed;
  private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  /** Which file holds which name, so finding a connection by name reads one file, not the whole store. */
  private final ConcurrentHashMap<String, String> idsByName = new ConcurrentHashMap<>();

  public ConnectionStore(Path folder, SealedFiles sealed) throws StoreException {
    this.folder = folder;
    this.sealed = sealed;
    try {
      if (!Files.exists(folder)) {
        Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new StoreException("cannot create the connection store " + folder + ": " + e.getMessage(), e);
    }
  }

  /** What the store holds: every connection it can open, and a line for each file it cannot. */
  public record Listing(List<StoredConnection> connections, List<String> problems) {}

  public Listing list() {
    List<StoredConnection> connections = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
      for (Path file : files) {
        String id = file.getFileName().toString().replace(SUFFIX, "");
        try {
          connections.add(read(id));
        } catch (StoreException e) {
          problems.add(e.getMessage());
        }
      }
    } catch (IOException e) {
      problems.add("cannot list " + folder + ": " + e.getMessage());
    }
    connections.sort(java.util.Comparator.comparing(stored -> stored.connection().name()));
    connections.forEach(stored -> idsByName.put(stored.connection().name(), stored.id()));
    return new Listing(connections, problems);
  }

  /**
   * The connection with this name. Reads the one file the name was last seen in, and scans the store only when
   * that file no longer holds it (another process removed or replaced it).
   */
  public Optional<StoredConnection> findByName(String name) {
    String knownId = idsByName.get(name);
    if (knownId != null) {
      try {
        StoredConnection stored = read(knownId);
        if (stored.connection().name().equals(name)) {
          return Optional.of(stored);
        }
      } catch (StoreException e) {
        // Gone or unreadable: the scan below says what the store holds now.
      }
      idsByName.remove(name, knownId);
    }
    return list().connections().stream().filter(stored -> stored.connection().name().equals(name)).findFirst();
  }

  public StoredConnection read(String id) throws StoreException {
    Path file = file(id);
    if (!Files.exists(file)) {
      throw new StoreException("no connection with id " + id);
    }
    byte[] content = sealed.read(file, id);
    try {
      StoredConnection stored = ConnectionCodec.decode(content);
      if (!stored.id().equals(id)) {
        throw new StoreException(file + " holds connection " + stored.id() + ", not " + id);
      }
      return stored;
    } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
      throw new StoreException(file + " decrypts but its content is not a connection (" + e.getClass().getSimpleName()
          + ")");
    }
  }

  public void write(StoredConnection stored) throws StoreException {
    sealed.write(file(stored.id()), stored.id(), ConnectionCodec.encode(stored));
    idsByName.put(stored.connection().name(), stored.id());
  }

  public void delete(String id) throws StoreException {
    try {
      Files.deleteIfExists(file(id));
      idsByName.values().remove(id);
      Files.deleteIfExists(lockFile(id));
      Files.deleteIfExists(journalFile(id));
    } catch (IOException e) {
      throw new StoreException("cannot delete connection " + id + ": " + e.getMessage(), e);
    }
  }

  /**
   * Notes, durably, that a refresh request is about to be sent; cleared once its answer is stored. Found set later,
   * it means a process stopped between the two, and the provider may have rotated the refresh token we hold.
   */
  void markRefreshInFlight(String id) throws StoreException {
    try (FileChannel channel = FileChannel.open(journalFile(id), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      channel.force(true);
    } catch (IOException e) {
      throw new StoreException("cannot journal the refresh of connection " + id + ": " + e.getMessage(), e);
    }
  }

  boolean refreshWasInFlight(String id) throws StoreException {
    return Files.exists(journalFile(id));
  }

  void clearRefreshInFlight(String id) throws StoreException {
    try {
      Files.deleteIfExists(journalFile(id));
    } catch (IOException e) {
      throw new StoreException("cannot clear the refresh journal of connection " + id + ": " + e.getMessage(), e);
    }
  }

  /** Work done while holding the connection's lock. */
  @FunctionalInterface
  public interface LockedWork<T, E extends Exception> {
    T run() throws E, StoreException;
  }

  /**
   * Runs {@code work} holding the connection's in-process and cross-process locks. The file lock is released by the
   * OS if the holder dies, so a killed process never blocks the others.
   */
  public <T, E extends Exception> T locked(String id, LockedWork<T, E> work) throws E, StoreException {
    ReentrantLock lock = locks.computeIfAbsent(id, key -> new ReentrantLock());
    lock.lock();
    try (FileChannel channel = FileChannel.open(lockFile(id), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      return work.run();
    } catch (IOException e) {
      throw new StoreException("cannot lock connection " + id + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private Path file(String id) throws StoreException {
    if (!ID.matcher(id).matches()) {
      throw new StoreException("not a connection id: " + id);
    }
    return folder.resolve(id + SUFFIX);
  }

  private Path lockFile(String id) throws StoreException {
    return file(id).resolveSibling(id + ".lock");
  }

  private Path journalFile(String id) throws StoreException {
    return file(id).resolveSibling(id + ".refreshing");
  }
}
