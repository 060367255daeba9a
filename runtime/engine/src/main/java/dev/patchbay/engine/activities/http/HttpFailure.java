package dev.patchbay.engine.activities.http;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.FailedAnswer;
import dev.patchbay.api.FailureSource;
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
  private final boolean notSent;

  private HttpFailure(ErrorCode code, String message, FailureSource source, FailedAnswer answer,
      ProviderError providerError, String remediation, Duration retryAfter, Throwable cause) {
    this(code, message, source, answer, providerError, remediation, retryAfter, cause, false);
  }

  private HttpFailure(ErrorCode code, String message, FailureSource source, FailedAnswer answer,
      ProviderError providerError, String remediation, Duration retryAfter, Throwable cause, boolean notSent) {
    super(code, message, providerError == null ? null : providerError.code(),
        providerError == null ? null : providerError.message(), source, answer, cause);
    this.httpStatus = answer == null ? null : answer.status();
    this.remediation = remediation;
    this.retryAfter = retryAfter;
    this.providerDetails = providerError == null ? null : providerError.details();
    this.notSent = notSent;
  }

  /** The provider answered with an error (an error status, or a success status with an error in the body). */
  static HttpFailure answered(ErrorCode code, String message, FailedAnswer answer, ProviderError providerError,
      String remediation, Duration retryAfter) {
    return new HttpFailure(code, message, FailureSource.PROVIDER, answer, providerError, remediation, retryAfter,
        null);
  }

  /** No usable answer: the connection failed, timed out, or the answer could not be read. */
  static HttpFailure noAnswer(ErrorCode code, String message, Throwable cause) {
    return new HttpFailure(code, message, FailureSource.NETWORK, null, null, null, null, cause);
  }

  /** No connection to the provider could be opened (refused, no such host): the request never left. */
  static HttpFailure notSent(ErrorCode code, String message, Throwable cause) {
    return new HttpFailure(code, message, FailureSource.NETWORK, null, null, null, null, cause, true);
  }

  /** The request cannot be made as asked (its path, its body, the base URL, a foreign next page): not sent. */
  static HttpFailure notSendable(ErrorCode code, String message) {
    return new HttpFailure(code, message, FailureSource.CONNECTOR, null, null, null, null, null);
  }

  /** Refused by the host before sending ({@code RATE_PERMIT}, {@code BREAKER}), with when to try again. */
  static HttpFailure refused(ErrorCode code, String message, FailureSource source, Duration retryAfter) {
    return refused(code, message, source, retryAfter, null);
  }

  /** Refused before sending because the store keeping the host's state failed ({@code cause}, kept as the marker). */
  static HttpFailure refused(ErrorCode code, String message, FailureSource source, Duration retryAfter,
      Throwable cause) {
    return new HttpFailure(code, message, source, null, null, null, retryAfter, cause);
  }

  /** The activity's deadline passed while the host waited or sent. */
  static HttpFailure deadline(String message) {
    return new HttpFailure(ErrorCode.TIMEOUT, message, FailureSource.DEADLINE, null, null, null, null, null);
  }

  /** The connection's access token could not be obtained or refreshed: {@code failure}, said by the host. */
  static HttpFailure tokenRefresh(ConnectorException failure) {
    return new HttpFailure(failure.code(), failure.getMessage(), FailureSource.TOKEN_REFRESH, null,
        failure.providerCode().isEmpty() && failure.providerMessage().isEmpty() ? null
            : new ProviderError(failure.providerCode().orElse(null), failure.providerMessage().orElse(null), null),
        null, null, failure);
  }

  /** The provider's field errors, when its error format declares where they are; empty otherwise. */
  public Optional<JsonNode> providerDetails() {
    return Optional.ofNullable(providerDetails);
  }

  /** Whether the request never left: no connection to the provider could be opened. */
  public boolean notSent() {
    return notSent;
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
