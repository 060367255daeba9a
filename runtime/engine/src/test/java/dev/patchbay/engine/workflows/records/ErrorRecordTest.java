package dev.patchbay.engine.workflows.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.ActivityError;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorRecordTest {

  @Test
  void theOperatorsConfigurationOutranksTheStoreWhichOutranksTheCode() {
    assertEquals("configuration", family(Map.of(ActivityError.CONFIGURATION, true, ActivityError.STORE, true)));
    assertEquals("store", family(Map.of(ActivityError.STORE, true, ActivityError.PROVIDER_CODE, "invalid_client")));
    assertEquals("UPSTREAM_ERROR", family(Map.of(ActivityError.PROVIDER_CODE, "3001")));
    assertEquals("UPSTREAM_ERROR", family(Map.of()));
  }

  @Test
  void anActivitysErrorKeepsItsDetails() {
    ErrorRecord record = ErrorRecord.of(new ActivityError(ErrorCode.NOT_FOUND, "no meeting 1",
        Map.of(ActivityError.PROVIDER_CODE, "3001", ActivityError.HTTP_STATUS, 404)));

    assertEquals(ErrorCode.NOT_FOUND, record.code());
    assertEquals("no meeting 1", record.message());
    assertEquals("3001", record.details().path(ActivityError.PROVIDER_CODE).asString());
    assertEquals(404, record.details().path(ActivityError.HTTP_STATUS).asInt());
    assertEquals("NOT_FOUND", record.family());
  }

  private static String family(Map<String, Object> details) {
    return ErrorRecord.of(new ActivityError(ErrorCode.UPSTREAM_ERROR, "failed", details)).family();
  }
}
