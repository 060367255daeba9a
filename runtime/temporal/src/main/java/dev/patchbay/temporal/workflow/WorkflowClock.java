package dev.patchbay.temporal.workflow;

import io.temporal.workflow.Workflow;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Temporal's workflow time as a {@link Clock}, for expressions ({@code date:now()}) and the record's timestamps. */
final class WorkflowClock extends Clock {

  static final WorkflowClock INSTANCE = new WorkflowClock();

  private WorkflowClock() {}

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("workflow time is UTC");
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
