package dev.patchbay.engine.workflows.runs;

import dev.patchbay.engine.store.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who runs a run: an OS file lock held for as long as a process runs it. The OS drops the lock when the process
 * dies, so a run whose record says RUNNING but whose lock is free was interrupted, and only one process at a time
 * can resume it.
 */
final class RunLock implements AutoCloseable {

  /**
   * The lock files this JVM holds. Checked before any channel is opened: on Linux, closing any channel to a file
   * drops every lock the process holds on it, so probing a lock this JVM holds through a second channel would
   * silently free it for other processes.
   */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock on {@code file}, or empty when another process (or this one) holds it. */
  static Optional<RunLock> tryAcquire(Path file) {
    Path key = file.toAbsolutePath().normalize();
    if (!HELD.add(key)) {
      return Optional.empty();
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(key, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
          OwnerOnlyFiles.FILE);
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return Optional.of(new RunLock(key, channel, lock));
      }
    } catch (OverlappingFileLockException heldHere) {
      // Cannot happen while HELD is consulted first; treated as held all the same.
    } catch (IOException e) {
      close(channel);
      HELD.remove(key);
      throw new UncheckedIOException("cannot lock " + key, e);
    }
    close(channel);
    HELD.remove(key);
    return Optional.empty();
  }

  /** Whether a process (this one included) holds the lock on {@code file} now. */
  static boolean isHeld(Path file) {
    if (!Files.exists(file)) {
      return false;
    }
    Optional<RunLock> probe = tryAcquire(file);
    probe.ifPresent(RunLock::close);
    return probe.isEmpty();
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // closing the channel below releases it as well
    }
    close(channel);
    HELD.remove(file);
  }

  private static void close(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // nothing to do: the lock goes with the channel, or with the process
    }
  }
}
