package dev.patchbay.temporal.activity;

import dev.patchbay.engine.activities.ActivityError;
import dev.patchbay.engine.activities.ActivityException;
import dev.patchbay.engine.workflows.runs.RunRecords;
import dev.patchbay.engine.workflows.runs.RunRecordsException;
import java.time.Duration;
import java.util.Objects;

/**
 * Tells a step's failure that came from the runtime's store (its connections, rate-limit permits and run records:
 * the PostgreSQL database of every worker, or the home's folders) rather than from the step, and waits for that store
 * to answer again. The runner uses the store before it sends a request (the connection, its token, a permit) and
 * marks such a failure ({@link ActivityError#STORE_OUTAGE}): it sent nothing, and the step can run again once the
 * store is back.
 */
final class StoreOutages {

  /** A well-formed run id no run has: reading it asks the store something without finding anything. */
  private static final String PROBE_RUN_ID = "19700101-000000-0000";

  private final RunRecords records;
  private final Duration pollEvery;

  StoreOutages(RunRecords records, Duration pollEvery) {
    this.records = Objects.requireNonNull(records, "records");
    this.pollEvery = pollEvery;
  }

  /** Whether the store failed this call before anything was sent. */
  static boolean causedBy(ActivityException e) {
    return Boolean.TRUE.equals(e.error().details().get(ActivityError.STORE_OUTAGE));
  }

  /** What waiting for the store came to. */
  enum Wait {
    /** It did not answer at first, and answers now. */
    BACK,
    /** It answered at once: the failure may be one it gives whatever the moment (a read-only database). */
    ANSWERING,
    /** It did not answer before the deadline. */
    GONE
  }

  /** Waits {@code pollEvery}, then until the store answers, at most until {@code deadlineNanos} (nano time). */
  Wait awaitStore(long deadlineNanos) throws InterruptedException {
    boolean first = true;
    do {
      Thread.sleep(pollEvery.toMillis());
      if (answers()) {
        return first ? Wait.ANSWERING : Wait.BACK;
      }
      first = false;
    } while (System.nanoTime() + pollEvery.toNanos() < deadlineNanos);
    return Wait.GONE;
  }

  private boolean answers() {
    try {
      records.find(PROBE_RUN_ID);
      return true;
    } catch (RunRecordsException e) {
      return !e.storeUnavailable();
    }
  }
}
