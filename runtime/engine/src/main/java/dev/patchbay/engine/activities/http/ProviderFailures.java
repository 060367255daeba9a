package dev.patchbay.engine.activities.http;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.time.Deadline;
import dev.patchbay.engine.activities.time.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Turns a provider's error answer into an {@link HttpFailure}: the provider's code and message from the body, the
 * definition's error table (first match), the runner's default for the status when no row matches, and
 * {@code Retry-After}.
 */
final class ProviderFailures {

  /** How much of an error body is read; enough for any JSON error, little of an HTML page. */
  private static final long MAX_ERROR_BODY = 64 * 1024;

  private static final ErrorTable.Entry DAILY_LIMIT = new ErrorTable.Entry(ErrorCode.LIMIT_EXCEEDED,
      "A daily limit of the provider is used up; retrying today will not help. Retry after it resets (see "
          + "retryAfter), or spread the work over several users or accounts.");

  private final String provider;
  private final String baseUrl;
  private final ErrorTable table;
  private final Deadline deadline;
  private final SentTokens sent;

  /**
   * @param provider the provider's name, for messages (the definition's name)
   * @param baseUrl the connection's API base URL, for messages about answers that did not come from the API
   */
  ProviderFailures(String provider, String baseUrl, ErrorTable table, Deadline deadline, SentTokens sent) {
    this.provider = provider;
    this.baseUrl = baseUrl;
    this.table = table;
    this.deadline = deadline;
    this.sent = sent;
  }

  /** The failure {@code response} (status 400 or more) stands for; reads part of its body. */
  HttpFailure from(Response response) {
    int status = response.code();
    Duration retryAfter = RetryAfter.parse(response.header("Retry-After"), deadline.now()).orElse(null);
    MediaType type = response.body().contentType();
    byte[] body = read(response);
    Optional<ProviderError> error = MediaTypes.isHtml(type) ? Optional.empty()
        : ProviderError.read(body).map(read -> new ProviderError(read.code(), sent.redact(read.message())));
    boolean dailyLimit = status == 429 && "daily-limit".equalsIgnoreCase(response.header("X-RateLimit-Type"));

    ErrorTable.Entry entry;
    if (error.isPresent()) {
      ProviderError known = error.get();
      entry = table.find(known, status).orElseGet(() -> byStatus(status));
      if (dailyLimit && entry.code() != ErrorCode.LIMIT_EXCEEDED) {
        entry = table.findByCode(known.code(), ErrorCode.LIMIT_EXCEEDED).orElse(DAILY_LIMIT);
      }
    } else if (dailyLimit) {
      entry = DAILY_LIMIT;
    } else if (body.length == 0 || status == 401 || status == 429) {
      // A bare status still says what happened, and 401 and 429 mean the same whoever sent them.
      entry = byStatus(status);
    } else {
      return HttpFailure.answered(ErrorCode.UPSTREAM_ERROR, notFromApi(status, type), status, null,
          notFromApiRemediation(), retryAfter);
    }
    return HttpFailure.answered(entry.code(), message(status, error, entry, retryAfter), status,
        error.orElse(null), entry.remediation(), retryAfter);
  }

  private String message(int status, Optional<ProviderError> error, ErrorTable.Entry entry, Duration retryAfter) {
    StringBuilder head = new StringBuilder(provider).append(" answered HTTP ").append(status);
    error.ifPresent(known -> {
      if (known.code() != null) {
        head.append(" with error ").append(known.code());
      }
      if (known.message() != null) {
        head.append(": ").append(known.message());
      }
    });
    StringBuilder message = new StringBuilder(Sentences.end(head.toString())).append(' ').append(entry.remediation());
    if (retryAfter != null) {
      message.append(" Retry after ").append(Durations.text(retryAfter)).append('.');
    }
    return message.toString();
  }

  private String notFromApi(int status, MediaType type) {
    String what = MediaTypes.isHtml(type) ? "an HTML page instead of a JSON error"
        : "a body that is not a JSON error (content type " + MediaTypes.name(type) + ")";
    return provider + " answered HTTP " + status + " with " + what + ". " + notFromApiRemediation();
  }

  private String notFromApiRemediation() {
    return "The answer most likely came from an outage or maintenance page, a proxy, or a wrong base URL rather "
        + "than from the API. Retry later; if it persists, check the connection's base URL (" + baseUrl + ").";
  }

  /** The runner's meaning of a status when the definition's table has no row for the provider's error. */
  private static ErrorTable.Entry byStatus(int status) {
    return switch (status) {
      case 400 -> new ErrorTable.Entry(ErrorCode.INVALID_INPUT,
          "The provider rejected the request as invalid (its message says which value). Fix the input and run "
              + "again.");
      case 401 -> new ErrorTable.Entry(ErrorCode.NEEDS_REAUTH,
          "The provider rejected the connection's access token even after Patchbay refreshed it. Reconnect the "
              + "connection.");
      case 403 -> new ErrorTable.Entry(ErrorCode.PERMISSION_DENIED,
          "The connected user or account is not allowed to do this. Ask the account's admin for the permission, or "
              + "use a connection of a user who has it.");
      case 404, 410 -> new ErrorTable.Entry(ErrorCode.NOT_FOUND,
          "The resource does not exist (any more). Check the ids in the input.");
      case 429 -> new ErrorTable.Entry(ErrorCode.RATE_LIMITED,
          "The provider's rate limit was hit. Run fewer steps in parallel, or retry later.");
      default -> status < 500
          ? new ErrorTable.Entry(ErrorCode.INVALID_INPUT,
              "The provider refused the request (its message says why). Fix the input and run again.")
          : new ErrorTable.Entry(ErrorCode.UPSTREAM_ERROR,
              "The provider failed to handle the request. Retry later; if it keeps failing, check the "
                  + "provider's status page.");
    };
  }

  private static byte[] read(Response response) {
    try {
      ResponseBody peeked = response.peekBody(MAX_ERROR_BODY);
      return peeked.bytes();
    } catch (IOException unreadable) {
      // A body cut off mid-way still leaves the status to go by.
      return new byte[0];
    }
  }
}
