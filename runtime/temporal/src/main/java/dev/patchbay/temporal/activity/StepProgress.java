package dev.patchbay.temporal.activity;

/**
 * The latest progress an activity reported (bytes downloaded, pages listed), carried by its heartbeats so a client
 * following the run can show it. Temporal keeps an attempt's last heartbeat for the next attempt, which reads from
 * it whether an earlier attempt may have reached the provider without its answer coming back.
 *
 * @param total -1 when unknown
 * @param nothingInDoubt the attempts so far left nothing in doubt: every request they sent was answered, or none
 *     left. Only a failed attempt says so, as it ends; an attempt that is running, or was lost with its worker,
 *     leaves it false, so the next attempt takes the provider's "already done" answer as the earlier one's work.
 */
public record StepProgress(String stepId, int itemIndex, long done, long total, String what,
    boolean nothingInDoubt) {

  /** Progress of a running attempt. */
  public StepProgress(String stepId, int itemIndex, long done, long total, String what) {
    this(stepId, itemIndex, done, total, what, false);
  }

  /** The same progress, as the last word of a failed attempt that left nothing in doubt. */
  StepProgress leavingNothingInDoubt() {
    return new StepProgress(stepId, itemIndex, done, total, what, true);
  }
}
