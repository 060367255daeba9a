package dev.patchbay.engine.activities;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.http.HttpFailure;
import dev.patchbay.engine.activities.time.Durations;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.schema.SchemaViolation;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Builds the {@link ActivityException}s of the runner. */
final class Failures {

  private Failures() {}

  static ActivityException of(ErrorCode code, String message) {
    return of(code, message, Map.of());
  }

  /** A failure of the runtime's side before the plugin ran (the connection's lookup), with its details. */
  static ActivityException of(ConnectorException failure) {
    return of(failure.code(), failure.getMessage(), FailureDetails.of(failure));
  }

  static ActivityException of(ErrorCode code, String message, Map<String, Object> details) {
    return new ActivityException(new ActivityError(code, message, details), null);
  }

  /** A schema failure, each violation a {@code {pointer, message}} in the details. */
  static ActivityException violations(ErrorCode code, String message, List<SchemaViolation> violations) {
    List<Map<String, String>> listed = violations.stream()
        .map(violation -> Map.of("pointer", violation.pointer(), "message", violation.message()))
        .toList();
    return of(code, message, Map.of(ActivityError.VIOLATIONS, listed));
  }

  /**
   * The activity failure for what the plugin, or the HTTP layer under it, threw: the code kept, the provider's
   * details and the HTTP layer's remediation and retry time added.
   *
   * @param redact replaces the call's tokens in any text; provider text is redacted already, this catches the rest
   * @param anyRequestSent whether any request of the activity went out: then a last request that never left does
   *     not prove that nothing happened
   */
  static ActivityException from(ConnectorException failure, UnaryOperator<String> redact, boolean anyRequestSent) {
    Map<String, Object> details = FailureDetails.of(failure);
    if (failure instanceof HttpFailure http) {
      http.httpStatus().ifPresent(status -> details.put(ActivityError.HTTP_STATUS, status));
      if (http.notSent() && !anyRequestSent) {
        details.put(ActivityError.NOT_SENT, true);
      }
      http.remediation().ifPresent(remediation -> details.put(ActivityError.REMEDIATION, remediation));
      http.retryAfter().ifPresent(wait -> details.put(ActivityError.RETRY_AFTER, Durations.wholeSecondsUp(wait)));
      http.providerDetails().ifPresent(fieldErrors -> details.put(ActivityError.PROVIDER_DETAILS,
          Json.MAPPER.convertValue(fieldErrors, Object.class)));
    }
    String message = failure.getMessage() == null || failure.getMessage().isBlank()
        ? "The activity failed with " + failure.code() + " and no message."
        : failure.getMessage();
    details.replaceAll((key, value) -> value instanceof String text ? redact.apply(text) : value);
    ActivityError error = new ActivityError(failure.code(), redact.apply(message), details);
    // Only plugin code's own throwable is worth a stack trace; every other cause is told by the message.
    return new ActivityException(error, failure.code() == ErrorCode.PLUGIN_ERROR ? failure.getCause() : null);
  }
}
