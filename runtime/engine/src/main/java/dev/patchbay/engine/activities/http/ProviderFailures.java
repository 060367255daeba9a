package dev.patchbay.engine.activities.http;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.FailedAnswer;
import dev.patchbay.engine.activities.time.Deadline;
import dev.patchbay.engine.activities.time.Durations;
import dev.patchbay.engine.definitions.ErrorFormat;
import dev.patchbay.engine.definitions.RateLimitHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import dev.patchbay.engine.json.Json;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Turns a provider's error answer into an {@link HttpFailure}: the provider's code and message from the body (where
 * the definition's error format says), the definition's error rules (first match, by code, status, message and
 * header), the runner's default for the status when no rule matches, and the wait before a retry:
 * {@code Retry-After}, else the declared reset header (epoch seconds) of a rate-limit refusal.
 */
final class ProviderFailures {

  /** How much of an error body is read; enough for any JSON error, little of an HTML page. */
  private static final long MAX_ERROR_BODY = 64 * 1024;
  /** How much of an error body a connector sees in {@link FailedAnswer#body()}. */
  private static final int MAX_VISIBLE_BODY = 4096;

  private static final ErrorTable.Entry DAILY_LIMIT = new ErrorTable.Entry(ErrorCode.LIMIT_EXCEEDED,
      "A daily limit of the provider is used up; retrying today will not help. Retry after it resets (see "
          + "retryAfter), or spread the work over several users or accounts.");

  private final String provider;
  private final String baseUrl;
  private final ErrorTable table;
  private final ErrorFormat format;
  private final RateLimitHeaders rateLimitHeaders;
  private final Deadline deadline;
  private final SentTokens sent;

  /**
   * @param provider the provider's name, for messages (the definition's name)
   * @param baseUrl the connection's API base URL, for messages about answers that did not come from the API
   * @param format where the provider's error code and message are
   */
  ProviderFailures(String provider, String baseUrl, ErrorTable table, ErrorFormat format,
      RateLimitHeaders rateLimitHeaders, Deadline deadline, SentTokens sent) {
    this.provider = provider;
    this.baseUrl = baseUrl;
    this.table = table;
    this.format = format;
    this.rateLimitHeaders = rateLimitHeaders;
    this.deadline = deadline;
    this.sent = sent;
  }

  /**
   * The failure a successful status with {@code body} stands for, when the definition's error format has an
   * {@code okPointer} that is false there (Slack's {@code {"ok": false, "error": "channel_not_found"}}).
   */
  Optional<HttpFailure> fromSuccess(Response response) {
    if (format.okPointer() == null || MediaTypes.isHtml(response.body().contentType())) {
      return Optional.empty();
    }
    byte[] bytes = read(response);
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(bytes);
    } catch (JacksonException tooLongOrNotJson) {
      // An error answer is short; a body longer than what was read, or not JSON, is for the reader to judge.
      return Optional.empty();
    }
    if (body == null || !body.at(format.okPointer()).isBoolean() || body.at(format.okPointer()).booleanValue()) {
      return Optional.empty();
    }
    return Optional.of(failure(response.code(), response.headers(), bytes,
        ProviderError.read(body, format, response.code()).map(found -> found.redacted(sent::redact))));
  }

  /** The failure {@code response} (status 400 or more) stands for; reads part of its body. */
  HttpFailure from(Response response) {
    int status = response.code();
    MediaType type = response.body().contentType();
    byte[] body = read(response);
    Optional<ProviderError> error = MediaTypes.isHtml(type) ? Optional.empty()
        : ProviderError.read(body, format, status).map(found -> found.redacted(sent::redact));
    if (error.isEmpty() && body.length > 0 && status != 401 && status != 429
        && table.find(null, status, headerLookup(response.headers())).isEmpty()) {
      return HttpFailure.answered(ErrorCode.UPSTREAM_ERROR, notFromApi(status, type),
          answer(status, response.headers(), body), null, notFromApiRemediation(),
          retryAfter(response.headers(), false));
    }
    return failure(status, response.headers(), body, error);
  }

  private HttpFailure failure(int status, Headers headers, byte[] body, Optional<ProviderError> error) {
    UnaryOperator<String> header = headerLookup(headers);
    boolean dailyLimit = status == 429 && rateLimitHeaders.typeHeader() != null && rateLimitHeaders.dailyLimitType() != null
        && rateLimitHeaders.dailyLimitType().equalsIgnoreCase(String.valueOf(header.apply(
            rateLimitHeaders.typeHeader())));
    ErrorTable.Entry entry;
    if (error.isPresent()) {
      ProviderError known = error.get();
      entry = table.find(known, status, header).orElseGet(() -> byStatus(status));
      if (dailyLimit && entry.code() != ErrorCode.LIMIT_EXCEEDED) {
        entry = table.findByCode(known.code(), ErrorCode.LIMIT_EXCEEDED).orElse(DAILY_LIMIT);
      }
    } else if (dailyLimit) {
      entry = DAILY_LIMIT;
    } else {
      // A bare status still says what happened, and 401 and 429 mean the same whoever sent them.
      entry = table.find(null, status, header).orElseGet(() -> byStatus(status));
    }
    boolean limited = entry.code() == ErrorCode.RATE_LIMITED || entry.code() == ErrorCode.LIMIT_EXCEEDED;
    Duration retryAfter = retryAfter(headers, limited);
    return HttpFailure.answered(entry.code(), message(status, error, entry, retryAfter),
        answer(status, headers, body), error.orElse(null), entry.remediation(), retryAfter);
  }

  /**
   * {@code Retry-After} in any of its forms; for a rate-limit refusal without one, the declared reset header (epoch
   * seconds, GitHub's {@code x-ratelimit-reset}).
   */
  private Duration retryAfter(Headers headers, boolean rateLimited) {
    Optional<Duration> declared = RetryAfter.parse(headers.get("Retry-After"), deadline.now());
    if (declared.isPresent() || !rateLimited || rateLimitHeaders.reset() == null) {
      return declared.orElse(null);
    }
    String reset = headers.get(rateLimitHeaders.reset());
    if (reset == null || !reset.trim().matches("\\d{1,12}")) {
      return null;
    }
    Instant at = Instant.ofEpochSecond(Long.parseLong(reset.trim()));
    return at.isAfter(deadline.now()) ? Duration.between(deadline.now(), at) : Duration.ZERO;
  }

  private FailedAnswer answer(int status, Headers headers, byte[] body) {
    Map<String, List<String>> byName = new TreeMap<>();
    for (String name : headers.names()) {
      byName.put(name.toLowerCase(Locale.ROOT), headers.values(name).stream().map(sent::redact).toList());
    }
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.length() > MAX_VISIBLE_BODY) {
      text = text.substring(0, MAX_VISIBLE_BODY) + "…";
    }
    return new FailedAnswer(status, byName, sent.redact(text));
  }

  private static UnaryOperator<String> headerLookup(Headers headers) {
    return headers::get;
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
