package dev.patchbay.engine.connections;

import dev.patchbay.engine.store.MasterKey;
import dev.patchbay.engine.store.OwnerOnlyFiles;
import dev.patchbay.engine.store.SealedFiles;
import dev.patchbay.engine.store.StoreException;
import dev.patchbay.engine.store.StoreOutageException;
import dev.patchbay.engine.store.WrongKeyException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;

/**
 * One encrypted file per connection under {@code $PATCHBAY_HOME/connections} ({@code <id>.conn}, sealed with the
 * connection id as associated data). Updates that must not race — a token refresh above all — run inside
 * {@link #locked}: an in-process lock plus an OS file lock, so two threads or two processes never refresh one
 * connection at once, and the caller re-reads the file inside the lock.
 */
public final class ConnectionStore implements StoredConnections {

  private static final Pattern ID = Pattern.compile("^[a-z0-9-]{8,64}$");
  private static final String SUFFIX = ".conn";
  /** How long a file's stamp is trusted while the change count stands still: a file changed by hand is seen then. */
  private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Path folder;
  private final SealedFiles sealed;
  private final StoreChanges changes;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  /** Which file holds which name, so finding a connection by name reads one file, not the whole store. */
  private final ConcurrentHashMap<String, String> idsByName = new ConcurrentHashMap<>();
  /** What each file held when it was last read, without its credentials; see {@link #describe}. */
  private final ConcurrentHashMap<String, Seen> seenById = new ConcurrentHashMap<>();

  /**
   * A file, its stamp when it was read, the connection it held, and the store's change count and the time when the
   * stamp was last checked. Every write replaces the file (a new inode), so a file with the same inode, modification
   * time and size is the file that was read. The path is kept so that a look-up checks the stamp without building
   * the path again.
   */
  private record Seen(Path file, Object fileKey, FileTime modified, long size, Connection connection, long changes,
      long checkedAt) {
    static Seen of(Path file, BasicFileAttributes stamp, Connection connection, long changes, long now) {
      return new Seen(file, stamp.fileKey(), stamp.lastModifiedTime(), stamp.size(), connection, changes, now);
    }

    Seen checkedAgain(long changesNow, long now) {
      return new Seen(file, fileKey, modified, size, connection, changesNow, now);
    }

    boolean stillDescribes(BasicFileAttributes file) {
      return fileKey != null && fileKey.equals(file.fileKey()) && modified.equals(file.lastModifiedTime())
          && size == file.size();
    }
  }

  public ConnectionStore(Path folder, SealedFiles sealed) throws StoreException {
    this(folder, sealed, System::nanoTime);
  }

  /** With another clock for the stamp checks, in {@link System#nanoTime()}'s units, for tests. */
  ConnectionStore(Path folder, SealedFiles sealed, LongSupplier nanoTime) throws StoreException {
    this.folder = folder;
    this.nanoTime = nanoTime;
    this.sealed = sealed;
    try {
      OwnerOnlyFiles.createFolders(folder);
    } catch (IOException e) {
      throw new StoreException("cannot create the connection store " + folder + ": " + e.getMessage(), e);
    }
    this.changes = new StoreChanges(folder);
  }

  /**
   * What the store holds: every connection it can open, and a line for each file it cannot.
   *
   * @param otherKeyIds for each connection file encrypted with another master key than the current one, by
   *     connection id, the id of that key: not empty means connections exist that the current key cannot open (the
   *     wrong {@code PATCHBAY_MASTER_KEY}, say)
   */
  public record Listing(List<StoredConnection> connections, List<String> problems, Map<String, String> otherKeyIds) {
    public Listing {
      otherKeyIds = Map.copyOf(otherKeyIds);
    }

    public Listing(List<StoredConnection> connections, List<String> problems) {
      this(connections, problems, Map.of());
    }
  }

  public Listing list() {
    try {
      return scan();
    } catch (StoreOutageException e) {
      return new Listing(List.of(), List.of(e.getMessage()));
    }
  }

  /** Every connection the folder holds; a folder that cannot be listed is an outage, not an empty store. */
  private Listing scan() throws StoreOutageException {
    List<StoredConnection> connections = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<String, String> otherKeyIds = new HashMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
      for (Path file : files) {
        String id = file.getFileName().toString().replace(SUFFIX, "");
        try {
          connections.add(read(id));
        } catch (WrongKeyException e) {
          otherKeyIds.put(id, e.fileKeyId());
          problems.add(e.getMessage());
        } catch (StoreException e) {
          problems.add(e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new StoreOutageException("cannot list the connection store " + folder + ": " + e, e);
    }
    connections.sort(java.util.Comparator.comparing(stored -> stored.connection().name()));
    connections.forEach(stored -> idsByName.put(stored.connection().name(), stored.id()));
    return new Listing(connections, problems, otherKeyIds);
  }

  /**
   * The connection with this name. Reads the one file the name was last seen in, and scans the store only when
   * that file no longer holds it (another process removed or replaced it).
   */
  public Optional<StoredConnection> findByName(String name) throws StoreOutageException {
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
    return scan().connections().stream().filter(stored -> stored.connection().name().equals(name)).findFirst();
  }

  /**
   * The connection with this name, without its credentials, as {@link #findByName} finds it; but a file unchanged
   * since it was last read is not read and decrypted again. Every activity run by connection name looks its
   * connection up, and decrypting the file cost a quarter of a request to the provider.
   *
   * <p>Another process's change on this machine is seen at once: every Patchbay process counts its changes in the
   * store's {@link StoreChanges}, and while the count stands still the file is not looked at. Once it moved, the file
   * is read again if its stamp differs; a change by other means (by hand, or from another machine sharing the folder)
   * is seen within a second, when the stamp is checked anyway. Two writes within one tick of the file system's clock that leave a file of the same size on a
   * reused inode would look unchanged; for a description that only decides whether to try an activity, the token
   * layer's own locked re-read settles what it missed.
   */
  public Optional<Connection> describe(String name) throws StoreOutageException {
    String knownId = idsByName.get(name);
    Seen seen = knownId == null ? null : seenById.get(knownId);
    if (seen != null && seen.connection().name().equals(name)) {
      long changesNow = changes.current();
      long now = nanoTime.getAsLong();
      if (changesNow == seen.changes() && now - seen.checkedAt() < RECHECK_NANOS) {
        return Optional.of(seen.connection());
      }
      if (now - seen.checkedAt() >= RECHECK_NANOS) {
        changes.recheck();
        changesNow = changes.current();
      }
      try {
        if (seen.stillDescribes(Files.readAttributes(seen.file(), BasicFileAttributes.class))) {
          Seen checked = seen.checkedAgain(changesNow, now);
          seenById.computeIfPresent(knownId, (id, current) -> current == seen ? checked : current);
          return Optional.of(seen.connection());
        }
      } catch (IOException e) {
        // Gone or unreadable: finding it again says what the store holds now.
      }
    }
    return findByName(name).map(StoredConnection::connection);
  }

  /** The master key files are opened with. */
  public MasterKey key() {
    return sealed.key();
  }

  public StoredConnection read(String id) throws StoreException {
    Path file = file(id);
    // Counted before the stamp is taken: a change in between moves the count, so the next look-up checks again.
    long changesBefore = changes.current();
    BasicFileAttributes stamp;
    try {
      // Taken before the content: a write in between leaves a stamp that no longer matches, so it is read again.
      stamp = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new StoreException("no connection with id " + id);
    }
    byte[] content = sealed.read(file, id);
    try {
      StoredConnection stored = ConnectionCodec.decode(content);
      if (!stored.id().equals(id)) {
        throw new StoreException(file + " holds connection " + stored.id() + ", not " + id);
      }
      seenById.put(id, Seen.of(file, stamp, stored.connection(), changesBefore, nanoTime.getAsLong()));
      return stored;
    } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
      throw new StoreException(file + " decrypts but its content is not a connection (" + e.getClass().getSimpleName()
          + ")");
    }
  }

  public void write(StoredConnection stored) throws StoreException {
    seenById.remove(stored.id());
    try {
      sealed.write(file(stored.id()), stored.id(), ConnectionCodec.encode(stored));
    } finally {
      // Also when the write failed after its rename (forcing the folder): counting a change that did not happen
      // costs the others one stamp check.
      changes.countChange();
    }
    idsByName.put(stored.connection().name(), stored.id());
  }

  /**
   * Deletes a connection's files. Call it inside {@link #locked} for that id: a refresh holding the lock would
   * otherwise write the connection back after it was deleted. A process still waiting for the lock file deleted here
   * gets it and finds no connection, as does one that creates the file anew.
   */
  public void delete(String id) throws StoreException {
    if (!locks.computeIfAbsent(id, key -> new ReentrantLock()).isHeldByCurrentThread()) {
      throw new IllegalStateException("delete connection " + id + " inside locked(" + id + ", ...)");
    }
    try {
      OwnerOnlyFiles.deleteDurably(file(id));
      changes.countChange();
      seenById.remove(id);
      idsByName.values().remove(id);
      OwnerOnlyFiles.deleteDurably(journalFile(id));
      OwnerOnlyFiles.deleteDurably(lockFile(id));
    } catch (IOException e) {
      throw new StoreException("cannot delete connection " + id + ": " + e.getMessage(), e);
    }
  }

  /**
   * Notes, durably, that a refresh request is about to be sent; cleared once its answer is stored. Found set later,
   * it means a process stopped between the two, and the provider may have rotated the refresh token we hold.
   */
  public void markRefreshInFlight(String id) throws StoreException {
    try (FileChannel channel = FileChannel.open(journalFile(id), Set.of(StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), OwnerOnlyFiles.FILE)) {
      channel.force(true);
      OwnerOnlyFiles.forceFolder(folder);
    } catch (IOException e) {
      throw new StoreException("cannot journal the refresh of connection " + id + ": " + e.getMessage(), e);
    }
  }

  public boolean refreshWasInFlight(String id) throws StoreException {
    return Files.exists(journalFile(id));
  }

  /**
   * Notes, durably, that the refresh in flight got no answer ({@code why}: timed out, connection broken) though it
   * may have reached the provider; the journal stays, and the next refresh can say what happened.
   */
  public void noteRefreshUnanswered(String id, String why) throws StoreException {
    try {
      OwnerOnlyFiles.writeAtomically(journalFile(id), why.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new StoreException("cannot journal the refresh of connection " + id + ": " + e.getMessage(), e);
    }
  }

  /** Why an earlier refresh got no answer, if {@link #noteRefreshUnanswered} said; empty if the process stopped. */
  public Optional<String> unansweredRefresh(String id) throws StoreException {
    try {
      String why = Files.readString(journalFile(id), StandardCharsets.UTF_8);
      return why.isEmpty() ? Optional.empty() : Optional.of(why);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public void clearRefreshInFlight(String id) throws StoreException {
    try {
      OwnerOnlyFiles.deleteDurably(journalFile(id));
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
    try (FileChannel channel = FileChannel.open(lockFile(id), Set.of(StandardOpenOption.CREATE,
        StandardOpenOption.WRITE), OwnerOnlyFiles.FILE);
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
