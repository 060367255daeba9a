package dev.patchbay.engine.workflows.runs;

import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.store.OwnerOnlyFiles;
import dev.patchbay.engine.workflows.execution.RunIds;
import dev.patchbay.engine.workflows.records.RunRecord;
import dev.patchbay.engine.workflows.records.RunStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
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
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.node.ObjectNode;

/**
 * The runs folder: {@code RUN_ID.json} records, each replaced whole through a temporary file and an atomic move so
 * a crash leaves the last complete record; {@code .locks/RUN_ID.lock} files whose OS lock tells a live run from an
 * interrupted one; {@code RUN_ID.sealed} envelopes of what a resume needs.
 */
public final class FileRunRecords implements RunRecords {

  private static final String LOCKS = ".locks";
  /** The field of a record's file holding the number of the last change of a run driven elsewhere. */
  private static final String SEQUENCE = "changeSequence";
  /**
   * The in-process side of the write locks of runs driven elsewhere, striped by lock file: shared by every instance
   * on a folder, and bounded however many runs a worker records.
   */
  private static final ReentrantLock[] WRITE_LOCKS = IntStream.range(0, 64).mapToObj(any -> new ReentrantLock())
      .toArray(ReentrantLock[]::new);
  private static final ObjectWriter WRITER = Json.MAPPER.writerWithDefaultPrettyPrinter();
  /** Records written by a later version may have more fields; they still list and show. */
  private static final ObjectReader READER = Json.MAPPER.readerFor(RunRecord.class)
      .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path folder;

  public FileRunRecords(Path folder) {
    this.folder = folder.toAbsolutePath();
  }

  @Override
  public String location() {
    return folder.toString();
  }

  @Override
  public String location(String runId) {
    return file(runId).toString();
  }

  private Path file(String runId) {
    return folder.resolve(runId + ".json");
  }

  @Override
  public Held claim(Clock clock) {
    createFolders();
    while (true) {
      String id = RunIds.next(clock);
      try {
        // Creating the lock file is the reservation: two processes starting in the same second get different ids.
        Files.createFile(lockFile(id), OwnerOnlyFiles.FILE);
      } catch (FileAlreadyExistsException taken) {
        continue;
      } catch (IOException e) {
        throw failure("cannot create a run in " + folder, e);
      }
      Optional<Held> held = hold(id);
      if (held.isPresent()) {
        return held.get();
      }
    }
  }

  @Override
  public Optional<Held> hold(String runId) {
    createFolders();
    if (drivenElsewhere(runId)) {
      return Optional.empty();
    }
    return RunLock.tryAcquire(lockFile(runId)).map(lock -> new Held() {
      @Override
      public String id() {
        return runId;
      }

      @Override
      public void close() {
        lock.close();
      }
    });
  }

  /** The old record stays whole until the new one is complete on disk. */
  @Override
  public void save(RunRecord record) {
    replace(file(record.id()), WRITER.writeValueAsBytes(record));
  }

  /**
   * Such a run has a record and no lock file: the lock file is made first when a run of this engine starts. The
   * change's number is a field of the record's file ({@value #SEQUENCE}), so the record and its number are replaced
   * together; a change is read, applied and written under the run's write lock ({@code .locks/RUN_ID.writing}: an OS
   * lock, which the OS drops with a process that dies, and an in-process one, since a JVM cannot hold one file's OS
   * lock twice).
   */
  @Override
  public boolean saveDrivenElsewhere(DrivenChange change) {
    createFolders();
    Path lockFile = folder.resolve(LOCKS).resolve(change.runId() + ".writing");
    // By the absolute path: two stores naming one folder differently must share the lock the JVM needs.
    ReentrantLock inProcess = WRITE_LOCKS[Math.floorMod(lockFile.toAbsolutePath().normalize().hashCode(),
        WRITE_LOCKS.length)];
    inProcess.lock();
    try (FileChannel channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
        OwnerOnlyFiles.FILE);
        FileLock ignored = channel.lock()) {
      Path file = file(change.runId());
      Optional<RunRecord> stored = Optional.empty();
      long storedSequence = 0;
      if (Files.exists(file)) {
        JsonNode tree = READER.readTree(Files.readAllBytes(file));
        stored = Optional.of(READER.readValue(tree));
        storedSequence = tree.path(SEQUENCE).asLong(0);
      }
      Optional<RunRecord> next = change.over(stored, storedSequence);
      if (next.isEmpty()) {
        return false;
      }
      ObjectNode numbered = Json.MAPPER.valueToTree(next.get());
      numbered.put(SEQUENCE, change.sequence());
      replace(file, WRITER.writeValueAsBytes(numbered));
      return true;
    } catch (IOException e) {
      throw writeFailure("cannot write the record of run " + change.runId() + " in " + folder, e);
    } catch (JacksonException e) {
      throw new RunRecordsException("the run record " + file(change.runId()) + " is not a run record: "
          + e.getOriginalMessage(), false, e);
    } finally {
      inProcess.unlock();
    }
  }

  private boolean drivenElsewhere(String runId) {
    return Files.exists(file(runId)) && !Files.exists(lockFile(runId));
  }

  @Override
  public void saveSealed(String runId, byte[] envelope) {
    replace(sealedFile(runId), envelope);
  }

  private void replace(Path target, byte[] content) {
    String name = target.getFileName().toString();
    Path temporary = null;
    try {
      temporary = Files.createTempFile(folder, name.substring(0, name.lastIndexOf('.')) + ".", ".tmp");
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(content);
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
      throw writeFailure("cannot write " + target, e);
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

  @Override
  public Optional<RunRecord> find(String runId) {
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
      throw failure("cannot read the run record " + file(runId), e);
    } catch (JacksonException e) {
      throw new RunRecordsException("the run record " + file(runId) + " is not a run record: "
          + e.getOriginalMessage(), false, e);
    }
  }

  @Override
  public Optional<byte[]> findSealed(String runId) {
    if (!RunIds.isValid(runId)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(sealedFile(runId)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw failure("cannot read " + sealedFile(runId), e);
    }
  }

  @Override
  public Listing list(int offset, int limit) {
    if (!Files.isDirectory(folder)) {
      return new Listing(List.of(), List.of());
    }
    List<RunRecord> runs = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        String id = name.substring(0, name.length() - ".json".length());
        try {
          find(id).ifPresent(runs::add);
        } catch (RunRecordsException e) {
          // Listed by id only; finding that run reports why it cannot be read.
          unreadable.add(id);
        }
      }
    } catch (IOException e) {
      throw failure("cannot list " + folder, e);
    }
    runs.sort(Comparator.comparing((RunRecord run) -> run.startedAt() == null ? Instant.MIN : run.startedAt())
        .thenComparing(RunRecord::id).reversed());
    unreadable.sort(Comparator.reverseOrder());
    return new Listing(runs.stream().skip(offset).limit(limit).toList(), unreadable);
  }

  private Path sealedFile(String runId) {
    return folder.resolve(runId + ".sealed");
  }

  private Path lockFile(String runId) {
    return folder.resolve(LOCKS).resolve(runId + ".lock");
  }

  private void createFolders() {
    try {
      OwnerOnlyFiles.createFolders(folder.resolve(LOCKS));
    } catch (IOException e) {
      throw failure("cannot create " + folder, e);
    }
  }

  private static RunRecordsException failure(String message, IOException e) {
    return new RunRecordsException(describe(message, e), false, e);
  }

  /**
   * A write the folder refused (full, read-only, gone): the store cannot be used, not one bad record, so a writer
   * that keeps its change (a run on Temporal) tries again rather than giving the record up.
   */
  private static RunRecordsException writeFailure(String message, IOException e) {
    return new RunRecordsException(describe(message, e), true, e);
  }

  private static String describe(String message, IOException e) {
    return message + " (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
        + ")";
  }
}
