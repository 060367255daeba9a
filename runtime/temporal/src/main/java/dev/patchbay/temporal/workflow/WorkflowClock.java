package dev.patchbay.temporal.workflow;

import io.temporal.workflow.Workflow;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Temporal's workflow time as a {@link Clock}, for expressions ({@code date:now()}) and the record's timestamps. */
final class WorkflowClock extends Clock {

  static final WorkflowClock INSTANCE = new WorkflowClock(ZoneOffset.UTC);

  private final ZoneId zone;

  private WorkflowClock(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The same workflow time, seen in {@code zone}. */
  @Override
  public Clock withZone(ZoneId zone) {
    return zone.equals(this.zone) ? this : new WorkflowClock(zone);
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
