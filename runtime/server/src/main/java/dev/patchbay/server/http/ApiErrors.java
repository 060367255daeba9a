package dev.patchbay.server.http;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.ActivityError;
import dev.patchbay.engine.json.Json;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Patchbay errors as HTTP answers: one status per error code, and the body {@code {code, message, details}}. */
public final class ApiErrors {

  private ApiErrors() {}

  /** The HTTP status that fits an error code. */
  public static int status(ErrorCode code) {
    return switch (code) {
      case INVALID_INPUT -> 400;
      case MISSING_SCOPE, PERMISSION_DENIED -> 403;
      case NOT_FOUND -> 404;
      case NEEDS_REAUTH -> 409;
      case RATE_LIMITED, LIMIT_EXCEEDED -> 429;
      case TIMEOUT -> 504;
      case UPSTREAM_ERROR, INVALID_OUTPUT -> 502;
      case PLUGIN_ERROR -> 500;
    };
  }

  /** An activity's failure, with {@code Retry-After} when the error says how long to wait. */
  public static ApiException of(ActivityError error) {
    Map<String, String> headers = new LinkedHashMap<>();
    Object retryAfter = error.details().get(ActivityError.RETRY_AFTER);
    if (retryAfter instanceof Number seconds) {
      headers.put("Retry-After", String.valueOf((long) Math.ceil(seconds.doubleValue())));
    }
    return new ApiException(status(error.code()), error.code().name(), error.message(), error.details(), headers);
  }

  /** A runtime failure outside an activity (connections, the store). */
  public static ApiException of(ConnectorException e) {
    Map<String, Object> details = new LinkedHashMap<>();
    e.providerCode().ifPresent(code -> details.put(ActivityError.PROVIDER_CODE, code));
    e.providerMessage().ifPresent(message -> details.put(ActivityError.PROVIDER_MESSAGE, message));
    return new ApiException(status(e.code()), e.code().name(), e.getMessage(), details, Map.of());
  }

  /** Javalin's own answers (no route, wrong method) in the API's error shape. */
  public static ApiException of(HttpResponseException e, Context ctx) {
    int status = e.getStatus();
    if (status == 404) {
      return new ApiException(404, ErrorCode.NOT_FOUND.name(), "no route " + ctx.method() + " " + ctx.path()
          + "; the API is described at /api/openapi.json");
    }
    if (status == 405) {
      return new ApiException(405, ApiException.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed on " + ctx.path());
    }
    if (status == 413) {
      return new ApiException(413, ApiException.REQUEST_TOO_LARGE, "the request body is too large");
    }
    return new ApiException(status, status < 500 ? ErrorCode.INVALID_INPUT.name() : ApiException.INTERNAL_ERROR,
        e.getMessage());
  }

  /**
   * Writes the error answer with its length, so a client still sending a body the server refused (a 413) reads the
   * whole answer before the connection closes.
   */
  public static void write(ApiException e, Context ctx) {
    e.headers().forEach(ctx::header);
    byte[] body = Json.MAPPER.writeValueAsBytes(e.body());
    if (e.status() == 413) {
      ctx.header("Connection", "close");
    }
    ctx.status(e.status()).contentType("application/json").header("Content-Length", String.valueOf(body.length))
        .result(body);
  }
}
