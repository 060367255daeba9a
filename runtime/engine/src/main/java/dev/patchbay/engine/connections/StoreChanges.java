package dev.patchbay.engine.connections;

import dev.patchbay.engine.store.OwnerOnlyFiles;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A count of the changes every process on this machine has made to one connection store, in a file each of them
 * maps into memory ({@code connections/.changes}, 8 bytes): a writer counts a change after it, a reader compares the
 * count with the one it saw when it last read a file. Reading it is a memory read, where checking a file's stamp is
 * a system call on every activity; a count that moved only says something changed, and the stamps then say what.
 *
 * <p>Processes on other machines sharing the folder (a network file system) do not share the memory: their changes
 * are seen by the stamps, which the store checks every second anyway. A count file that was cut short, removed or
 * replaced is mapped again at that check; until then a count that can no longer be read moves on every look, so the
 * stamps decide, as when the file system cannot map it at all. Each mapping's counts are told apart from every
 * earlier one's (a file made anew counts from zero again), so no count seen before is ever taken for a later one.
 */
final class StoreChanges {

  private static final VarHandle COUNT = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

  /** Counts of one mapping stay below this; each mapping starts its counts at a multiple of it. */
  private static final long MAPPING_SPAN = 1L << 40;

  private final Path file;
  /** The mapped count and the file it is of; null when it cannot be mapped. */
  private volatile Mapping mapping;
  /** How many mappings were made: the next one's counts start at its multiple of {@link #MAPPING_SPAN}. */
  private long mappings;
  /** Moves on every look while there is no mapping, so no look-up ever trusts it. */
  private final AtomicLong unmapped = new AtomicLong();

  private record Mapping(MappedByteBuffer count, Object fileKey, long base) {}

  StoreChanges(Path folder) {
    this.file = folder.resolve(".changes");
    this.mapping = map();
  }

  long current() {
    Mapping now = mapping;
    if (now != null) {
      try {
        return now.base() + (long) COUNT.getVolatile(now.count(), 0) % MAPPING_SPAN;
      } catch (InternalError cutShort) {
        // The JVM's answer to reading a mapped page the file no longer has.
        mapping = null;
      }
    }
    return unmapped.incrementAndGet();
  }

  /** After a change is in place: every process's next look-up checks the stamps again. */
  void countChange() {
    Mapping now = mapping;
    if (now != null) {
      try {
        COUNT.getAndAdd(now.count(), 0, 1L);
      } catch (InternalError cutShort) {
        mapping = null;
      }
    }
  }

  /** Maps the file again if it is not the one mapped, or no longer whole; for the store's periodic check. */
  synchronized void recheck() {
    Mapping now = mapping;
    try {
      BasicFileAttributes stamp = Files.readAttributes(file, BasicFileAttributes.class);
      if (now != null && Objects.equals(now.fileKey(), stamp.fileKey()) && stamp.size() >= Long.BYTES) {
        return;
      }
    } catch (IOException gone) {
      // Made again below.
    }
    mapping = map();
  }

  private synchronized Mapping map() {
    try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE), OwnerOnlyFiles.FILE)) {
      // Mapping past the end grows the file with zeros and leaves a count another process made as it is.
      MappedByteBuffer count = channel.map(FileChannel.MapMode.READ_WRITE, 0, Long.BYTES);
      Object fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
      return fileKey == null ? null : new Mapping(count, fileKey, ++mappings * MAPPING_SPAN);
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }
}
