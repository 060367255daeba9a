package dev.patchbay.engine.activities;

import dev.patchbay.api.ErrorCode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Why an activity failed: a stable code a workflow can branch on, a message a person can act on, and details.
 * Nothing in it is secret: provider text that repeats a token of the connection is redacted.
 *
 * @param details JSON-ready values (strings, numbers, lists, maps) under the keys below, as far as they apply
 */
public record ActivityError(ErrorCode code, String message, Map<String, Object> details) {

  /** The provider's own error code (Zoom: {@code "3001"}). */
  public static final String PROVIDER_CODE = "providerCode";
  /** The provider's own error message. */
  public static final String PROVIDER_MESSAGE = "providerMessage";
  /** The HTTP status of the provider's answer (number). */
  public static final String HTTP_STATUS = "httpStatus";
  /** What to do about it, from the connector definition or the runner. */
  public static final String REMEDIATION = "remediation";
  /** Seconds to wait before trying again (number), for {@code RATE_LIMITED} and {@code LIMIT_EXCEEDED}. */
  public static final String RETRY_AFTER = "retryAfter";
  /** Schema violations: a list of {@code {pointer, message}}, the pointer into the input or output. */
  public static final String VIOLATIONS = "violations";
  /** The scope sets an operation accepts, any one of which is enough (list of lists). */
  public static final String REQUIRED_SCOPES = "requiredScopes";
  /** The scopes the connection was granted (list). */
  public static final String GRANTED_SCOPES = "grantedScopes";
  /** The provider's field errors as it listed them (GitHub's 422 {@code errors}), as JSON values. */
  public static final String PROVIDER_DETAILS = "providerDetails";
  /** Why a connection needs to be reconnected. */
  public static final String REASON = "reason";
  /**
   * {@code true} when the operator's configuration failed (an operator app the provider refused): neither the input
   * nor the connection is at fault. The code stays {@code INVALID_INPUT}; the CLI exits with its configuration code.
   */
  public static final String CONFIGURATION = "configuration";
  /**
   * {@code true} when the store failed (reading or writing a connection, its tokens), not the provider nor the
   * input. The code stays {@code UPSTREAM_ERROR}; the CLI exits with its store code.
   */
  public static final String STORE = "store";

  /**
   * {@code true} when the runtime's store failed before anything was sent (the connection, its token or a rate-limit
   * permit could not be had): the same call may run again once the store answers, and sends nothing twice.
   */
  public static final String STORE_OUTAGE = "storeOutage";

  /**
   * {@code true} when a request could not be sent (no connection to the provider could be opened: refused, no such
   * host): nothing reached the provider, so the same call may be made again whatever the operation, as the runner's
   * own retries do.
   */
  public static final String NOT_SENT = "notSent";

  public ActivityError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /**
   * What failed, as the CLI, the console and a run record's error name it: the operator's {@code configuration} and
   * the {@code store} outrank the error code, which names every other family.
   */
  public static String family(ErrorCode code, boolean configuration, boolean store) {
    return configuration ? "configuration" : store ? "store" : code.name();
  }
}
