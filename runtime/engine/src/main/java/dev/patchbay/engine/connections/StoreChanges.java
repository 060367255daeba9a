package dev.patchbay.engine.connections;

import dev.patchbay.engine.store.OwnerOnlyFiles;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A count of the changes every process has made to one connection store, in a file each of them maps into memory
 * ({@code connections/.changes}, 8 bytes): a writer counts a change after it, a reader compares the count with the
 * one it saw when it last read a file. Reading it is a memory read, where checking a file's stamp is a system call on
 * every activity; a count that moved only says something changed, and the stamps then say what.
 */
final class StoreChanges {

  private static final VarHandle COUNT = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

  /** Null when the file system could not map the file: then the count moves on every look, and stamps decide. */
  private final MappedByteBuffer count;
  private final AtomicLong uncounted = new AtomicLong();

  private StoreChanges(MappedByteBuffer count) {
    this.count = count;
  }

  /** The count of the store in {@code folder}, its file made if it is new. */
  static StoreChanges open(Path folder) {
    try (FileChannel channel = FileChannel.open(folder.resolve(".changes"), Set.of(StandardOpenOption.CREATE,
        StandardOpenOption.READ, StandardOpenOption.WRITE), OwnerOnlyFiles.FILE)) {
      // Mapping past the end grows the file with zeros and leaves a count another process made as it is.
      return new StoreChanges(channel.map(FileChannel.MapMode.READ_WRITE, 0, Long.BYTES));
    } catch (IOException | UnsupportedOperationException e) {
      return new StoreChanges(null);
    }
  }

  long current() {
    return count == null ? uncounted.incrementAndGet() : (long) COUNT.getVolatile(count, 0);
  }

  /** After a change is in place: every process's next look-up checks the stamps again. */
  void counted() {
    if (count != null) {
      COUNT.getAndAdd(count, 0, 1L);
    }
  }
}
