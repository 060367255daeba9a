package dev.patchbay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.ActivityError;
import dev.patchbay.server.http.ApiErrors;
import dev.patchbay.server.http.ApiException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every Patchbay error code has its HTTP status; waiting times become Retry-After. */
class ApiErrorsTest {

  @Test
  void everyErrorCodeHasAFittingStatus() {
    Map<ErrorCode, Integer> expected = Map.ofEntries(Map.entry(ErrorCode.INVALID_INPUT, 400),
        Map.entry(ErrorCode.MISSING_SCOPE, 403), Map.entry(ErrorCode.NEEDS_REAUTH, 409),
        Map.entry(ErrorCode.PERMISSION_DENIED, 403), Map.entry(ErrorCode.NOT_FOUND, 404),
        Map.entry(ErrorCode.RATE_LIMITED, 429), Map.entry(ErrorCode.LIMIT_EXCEEDED, 429),
        Map.entry(ErrorCode.TIMEOUT, 504), Map.entry(ErrorCode.UPSTREAM_ERROR, 502),
        Map.entry(ErrorCode.INVALID_OUTPUT, 502), Map.entry(ErrorCode.PLUGIN_ERROR, 500));
    assertEquals(ErrorCode.values().length, expected.size());
    for (ErrorCode code : ErrorCode.values()) {
      ApiException e = ApiErrors.of(new ActivityError(code, "why", Map.of(ActivityError.REMEDIATION, "do this")));
      assertEquals(expected.get(code), e.status(), code.name());
      assertEquals(code.name(), e.code());
      assertEquals(Map.of("code", code.name(), "message", "why", "details", Map.of("remediation", "do this")),
          e.body());
      assertEquals(expected.get(code), ApiErrors.of(new ConnectorException(code, "why")).status());
    }
  }

  @Test
  void aWaitBecomesRetryAfterInWholeSeconds() {
    ApiException limited = ApiErrors.of(new ActivityError(ErrorCode.RATE_LIMITED, "slow down",
        Map.of(ActivityError.RETRY_AFTER, 1.2)));
    assertEquals("2", limited.headers().get("Retry-After"));
    ApiException exceeded = ApiErrors.of(new ActivityError(ErrorCode.LIMIT_EXCEEDED, "cap", Map.of(
        ActivityError.RETRY_AFTER, 3600)));
    assertEquals("3600", exceeded.headers().get("Retry-After"));
    assertNull(ApiErrors.of(new ActivityError(ErrorCode.TIMEOUT, "late", Map.of())).headers().get("Retry-After"));
  }

  @Test
  void providerCodesOfRuntimeFailuresAreDetails() {
    ApiException e = ApiErrors.of(new ConnectorException(ErrorCode.UPSTREAM_ERROR, "bad", "124", "Invalid token",
        null));
    assertEquals(502, e.status());
    assertEquals("124", e.details().get(ActivityError.PROVIDER_CODE));
    assertEquals("Invalid token", e.details().get(ActivityError.PROVIDER_MESSAGE));
  }
}
