package dev.patchbay.temporal.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WorkflowClockTest {

  @Test
  void aZoneIsAViewOfTheSameWorkflowTime() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");

    assertEquals(ZoneOffset.UTC, WorkflowClock.INSTANCE.getZone());
    assertEquals(berlin, WorkflowClock.INSTANCE.withZone(berlin).getZone());
    assertSame(WorkflowClock.INSTANCE, WorkflowClock.INSTANCE.withZone(ZoneOffset.UTC));
  }
}
