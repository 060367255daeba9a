package dev.patchbay.engine.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files only their owner may read: to a temporary file created with mode 0600 next to the target, forced to
 * disk, moved atomically into place, the folder forced too. A reader sees the old content or the new, never a mix,
 * and a crash leaves at worst a stray temporary file. What was written is also durable: files and the folders whose
 * entries changed are forced to disk before a method returns.
 */
public final class OwnerOnlyFiles {

  /** Mode 0700, for folders created under the Patchbay home. */
  public static final FileAttribute<Set<PosixFilePermission>> FOLDER =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  /** Mode 0600, for files created under the Patchbay home. */
  public static final FileAttribute<Set<PosixFilePermission>> FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private OwnerOnlyFiles() {}

  /**
   * Creates {@code folder} and any missing parents with mode 0700, and makes {@code folder} itself 0700 if it
   * existed. Returns it.
   */
  public static Path createFolders(Path folder) throws IOException {
    Files.createDirectories(folder, FOLDER);
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    return folder;
  }

  /**
   * Refuses a file holding a secret in clear that others may read or write: a secret there may already have been
   * read, and using it silently would hide that. The message says how to fix it.
   */
  public static void requireOwnerOnly(Path file) throws StoreException, IOException {
    Set<PosixFilePermission> actual = Files.getPosixFilePermissions(file);
    if (!PosixFilePermissions.fromString(Files.isDirectory(file) ? "rwx------" : "rw-------").containsAll(actual)) {
      throw new StoreException(file + " holds a secret but other users may read or change it ("
          + PosixFilePermissions.toString(actual) + "): chmod " + (Files.isDirectory(file) ? "700" : "600") + " "
          + file + ", and replace the secret if others could have read it");
    }
  }

  /** Replaces {@code file} with {@code bytes}, atomically, mode 0600. Its folder must exist. */
  public static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path folder = file.getParent();
    Path temp = forcedTemp(file, bytes);
    try {
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
      forceFolder(folder);
    } finally {
      if (temp != null) {
        deleteQuietly(temp);
      }
    }
  }

  /**
   * Creates {@code file} with {@code bytes}, mode 0600, unless it exists: the content is written and forced under a
   * temporary name, then hard-linked to the name, which fails if the name is taken. Nobody ever sees the file
   * empty or half-written, a crash leaves no file (or a whole one), and of processes racing to create it exactly one
   * wins. Its folder must exist.
   *
   * @return whether this call created it; false when it existed already (read the winner's)
   */
  public static boolean createWhole(Path file, byte[] bytes) throws IOException {
    Path temp = forcedTemp(file, bytes);
    try {
      Files.createLink(file, temp);
      forceFolder(file.getParent());
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } finally {
      deleteQuietly(temp);
    }
  }

  /** Deletes a file if it exists and makes the deletion durable. */
  public static void deleteDurably(Path file) throws IOException {
    if (Files.deleteIfExists(file)) {
      forceFolder(file.getParent());
    }
  }

  /** A new temporary file next to {@code file}, mode 0600, holding {@code bytes} forced to disk. */
  private static Path forcedTemp(Path file, byte[] bytes) throws IOException {
    Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp", FILE);
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(temp);
      throw e;
    }
    return temp;
  }

  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // The write already failed and says so; a stray temporary file is all that is left.
    }
  }

  /**
   * Makes the creation, renaming or deletion of a file in {@code folder} durable (POSIX: a power loss could
   * otherwise undo it); a no-op where folders cannot be opened.
   */
  public static void forceFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Not every file system lets a folder be opened; the rename is still atomic.
    }
  }
}
