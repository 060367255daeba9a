package dev.patchbay.engine.workflows.execution;

import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.store.OwnerOnlyFiles;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/**
 * The runs folder: {@code RUN_ID.json} records, each replaced whole through a temporary file and an atomic move so
 * a crash leaves the last complete record, and {@code .locks/RUN_ID.lock} files whose OS lock tells a live run from
 * an interrupted one.
 */
public final class RunStore {

  private static final String LOCKS = ".locks";
  private static final ObjectWriter WRITER = Json.MAPPER.writerWithDefaultPrettyPrinter();
  /** Records written by a later version may have more fields; they still list and show. */
  private static final ObjectReader READER = Json.MAPPER.readerFor(RunRecord.class)
      .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path folder;

  public RunStore(Path folder) {
    this.folder = folder.toAbsolutePath();
  }

  public Path folder() {
    return folder;
  }

  public Path file(String runId) {
    return folder.resolve(runId + ".json");
  }

  /** A fresh run id, locked for this process. */
  RunClaim claim(Clock clock) {
    createFolders();
    while (true) {
      String id = RunIds.next(clock);
      try {
        // Creating the lock file is the reservation: two processes starting in the same second get different ids.
        Files.createFile(lockFile(id), OwnerOnlyFiles.FILE);
      } catch (FileAlreadyExistsException taken) {
        continue;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a run in " + folder, e);
      }
      Optional<RunLock> lock = RunLock.tryAcquire(lockFile(id));
      if (lock.isPresent()) {
        return new RunClaim(id, lock.get());
      }
    }
  }

  /** The lock of an existing run, or empty when a process runs it now. */
  Optional<RunLock> lock(String runId) {
    createFolders();
    return RunLock.tryAcquire(lockFile(runId));
  }

  /**
   * Replaces the run's record: the old one stays whole until the new one is complete on disk. Public for runs that
   * another engine drives (Temporal's workers record theirs here): such a run has no lock file, so a read takes its
   * record's status as it is.
   */
  public void write(RunRecord record) {
    createFolders();
    Path target = file(record.id());
    Path temporary = null;
    try {
      temporary = Files.createTempFile(folder, record.id() + ".", ".tmp");
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(WRITER.writeValueAsBytes(record));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
      OwnerOnlyFiles.forceFolder(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run record " + target, e);
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException e) {
          // a leftover .tmp file is ignored by every reader
        }
      }
    }
  }

  /**
   * The run's record, with status {@link RunStatus#INTERRUPTED} when it says RUNNING but no process holds its lock
   * (a run of this engine; one without a lock file is driven elsewhere and says its own status); empty when there
   * is no such run.
   *
   * @throws UncheckedIOException the record exists but cannot be read
   */
  public Optional<RunRecord> read(String runId) {
    if (!RunIds.isValid(runId)) {
      return Optional.empty();
    }
    try {
      RunRecord record = READER.readValue(Files.readAllBytes(file(runId)));
      Path lock = lockFile(runId);
      if (record.status() == RunStatus.RUNNING && Files.exists(lock) && !RunLock.isHeld(lock)) {
        record = record.withStatus(RunStatus.INTERRUPTED);
      }
      return Optional.of(record);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the run record " + file(runId), e);
    } catch (JacksonException e) {
      throw new UncheckedIOException("the run record " + file(runId) + " is not a run record",
          new IOException(e.getOriginalMessage(), e));
    }
  }

  /** Every readable run, newest first. */
  public List<RunRecord> list() {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<RunRecord> runs = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        String id = name.substring(0, name.length() - ".json".length());
        try {
          read(id).ifPresent(runs::add);
        } catch (UncheckedIOException unreadable) {
          // Listing shows what can be shown; reading that run by id reports why it cannot.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    runs.sort(Comparator.comparing((RunRecord run) -> run.startedAt() == null ? Instant.MIN : run.startedAt())
        .thenComparing(RunRecord::id).reversed());
    return runs;
  }

  private Path lockFile(String runId) {
    return folder.resolve(LOCKS).resolve(runId + ".lock");
  }

  private void createFolders() {
    try {
      OwnerOnlyFiles.createFolders(folder.resolve(LOCKS));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + folder, e);
    }
  }

  /** A new run's id, with the lock that makes this process its runner. */
  record RunClaim(String id, RunLock lock) {}
}
