package dev.patchbay.engine.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files only their owner may read: to a temporary file created with mode 0600 next to the target, forced to
 * disk, moved atomically into place, the folder forced too. A reader sees the old content or the new, never a mix,
 * and a crash leaves at worst a stray temporary file.
 */
public final class OwnerOnlyFiles {

  private OwnerOnlyFiles() {}

  /** Replaces {@code file} with {@code bytes}, atomically, mode 0600. Its folder must exist. */
  public static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path folder = file.getParent();
    Path temp = Files.createTempFile(folder, "." + file.getFileName(), ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
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

  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // The write already failed and says so; a stray temporary file is all that is left.
    }
  }

  /** Makes the rename itself durable (POSIX); a no-op where folders cannot be opened. */
  private static void forceFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Not every file system lets a folder be opened; the rename is still atomic.
    }
  }
}
