package dev.patchbay.engine.workflows.runs;

import dev.patchbay.engine.workflows.records.RunRecord;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Where workflow runs are recorded: the runs folder under {@code $PATCHBAY_HOME} ({@link FileRunRecords}, the
 * default), or a shared store every process of a team reads and writes. A run is held by the one process running
 * it; a record that says RUNNING while no process holds its run reads as INTERRUPTED, so any process can tell a live
 * run from one whose process died, and only one can resume it.
 *
 * <p>Records are saved as given (their secrets already redacted); the values a resume needs are saved as an
 * envelope sealed under the master key, which the store keeps but cannot open.
 *
 * <p>Failures are {@link RunRecordsException}s whose message names what to fix.
 */
public interface RunRecords {

  /** Where the records are, for messages: a folder, or a store's location without its password. */
  String location();

  /** Where one run's record is, for messages. */
  String location(String runId);

  /** A fresh run id, unique across every process using this store, held by this process until closed. */
  Held claim(Clock clock);

  /**
   * Holds an existing run for this process; empty when a process (this one included) holds it now, or another
   * engine drives it.
   */
  Optional<Held> hold(String runId);

  /** Replaces the run's record whole: a reader sees the old one or the new one, never a part. */
  void save(RunRecord record);

  /**
   * Applies a numbered change to the record of a run another engine drives (Temporal's workers record theirs here),
   * atomically against every process of this store: the change is saved, with its number, only over a record
   * holding an older change ({@link DrivenChange#over}). So a write that arrives late, from a worker that lost the
   * run or gave up waiting for the store, undoes no later change and reopens no ended run. No process of this store
   * holds such a run: it reads with the status it says, and no process here can hold (resume) it.
   *
   * @return whether the change was saved; false when a change as new or newer, or the run's end, is stored already
   */
  boolean saveDrivenElsewhere(DrivenChange change);

  /** Replaces the values a resume of the run needs, as an envelope sealed under the master key. */
  void saveSealed(String runId, byte[] envelope);

  /**
   * The run's record, RUNNING only while a process holds it (else INTERRUPTED) or as another engine said it;
   * empty when there is no such run (a
   * malformed id included).
   *
   * @throws RunRecordsException the record exists but cannot be read
   */
  Optional<RunRecord> find(String runId);

  /** The sealed envelope of the run's resume values; empty when it kept none. */
  Optional<byte[]> findSealed(String runId);

  /**
   * Readable runs, newest first (by start, then id), {@code limit} of them from {@code offset}; records that cannot
   * be read are named in {@link Listing#unreadable} ({@link #find} says why).
   */
  Listing list(int offset, int limit);

  /** One page of runs, and the ids of records that page met but could not read. */
  record Listing(List<RunRecord> runs, List<String> unreadable) {
    public Listing {
      runs = List.copyOf(runs);
      unreadable = List.copyOf(unreadable);
    }
  }

  /** A run held by this process: no other can run or resume it until closed (or this process dies). */
  interface Held extends AutoCloseable {
    String id();

    /** Lets the run go: another process may resume it. */
    @Override
    void close();
  }
}
