package dev.patchbay.engine.activities.http;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.FailedAnswer;
import tools.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A failure of the provider's HTTP API, with what the runner needs beyond {@link ConnectorException}: the HTTP
 * status (absent when no response came), the remediation from the definition's error table, and how long to wait
 * before trying again.
 */
public final class HttpFailure extends ConnectorException {

  private static final long serialVersionUID = 1L;

  private final Integer httpStatus;
  private final String remediation;
  private final Duration retryAfter;
  private final transient JsonNode providerDetails;

  private HttpFailure(ErrorCode code, String message, FailedAnswer answer, ProviderError providerError,
      String remediation, Duration retryAfter, Throwable cause) {
    super(code, message, providerError == null ? null : providerError.code(),
        providerError == null ? null : providerError.message(), answer, cause);
    this.httpStatus = answer == null ? null : answer.status();
    this.remediation = remediation;
    this.retryAfter = retryAfter;
    this.providerDetails = providerError == null ? null : providerError.details();
  }

  /** The provider answered with an error (an error status, or a success status with an error in the body). */
  static HttpFailure answered(ErrorCode code, String message, FailedAnswer answer, ProviderError providerError,
      String remediation, Duration retryAfter) {
    return new HttpFailure(code, message, answer, providerError, remediation, retryAfter, null);
  }

  /** No usable answer: the connection failed, timed out, or the answer could not be read. */
  static HttpFailure noAnswer(ErrorCode code, String message, Throwable cause) {
    return new HttpFailure(code, message, null, null, null, null, cause);
  }

  /** Refused before sending, with the time after which trying again could work. */
  static HttpFailure refused(ErrorCode code, String message, Duration retryAfter) {
    return new HttpFailure(code, message, null, null, null, retryAfter, null);
  }

  /** The provider's field errors, when its error format declares where they are; empty otherwise. */
  public Optional<JsonNode> providerDetails() {
    return Optional.ofNullable(providerDetails);
  }

  /** The HTTP status of the provider's answer; empty when no answer came. */
  public OptionalInt httpStatus() {
    return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
  }

  /** What to do about it, from the definition's error table or the runner's default for the status. */
  public Optional<String> remediation() {
    return Optional.ofNullable(remediation);
  }

  /** How long to wait before trying again, when known ({@code Retry-After}, a rate-limit permit). */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
