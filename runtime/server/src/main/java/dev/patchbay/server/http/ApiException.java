package dev.patchbay.server.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request that ends in an error answer: an HTTP status and the body {@code {code, message, details}}. Thrown by
 * handlers; {@link ApiErrors} writes it.
 */
public final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Codes of the server's own, beside the Patchbay error codes of {@link dev.patchbay.api.ErrorCode}. */
  public static final String UNAUTHORIZED = "UNAUTHORIZED";
  public static final String REQUEST_TOO_LARGE = "REQUEST_TOO_LARGE";
  public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
  public static final String SHUTTING_DOWN = "SHUTTING_DOWN";
  public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
  public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
  public static final String QUEUE_FULL = "QUEUE_FULL";
  /** The server cannot do this now for a reason of its own, which its log names; try again later. */
  public static final String UNAVAILABLE = "UNAVAILABLE";

  private final int status;
  private final String code;
  private final transient Map<String, Object> details;
  private final transient Map<String, String> headers;

  public ApiException(int status, String code, String message) {
    this(status, code, message, Map.of(), Map.of());
  }

  public ApiException(int status, String code, String message, Map<String, ?> details, Map<String, String> headers) {
    super(message);
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.details = new LinkedHashMap<>(details);
    this.headers = Map.copyOf(headers);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, Object> details() {
    return details;
  }

  /** Headers the answer carries beside the body ({@code Retry-After}, {@code WWW-Authenticate}). */
  public Map<String, String> headers() {
    return headers;
  }

  /** The JSON body. */
  public Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("message", getMessage());
    body.put("details", details);
    return body;
  }
}
