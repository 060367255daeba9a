package dev.patchbay.zoom.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * An error answer, thrown from deep inside an endpoint and turned into the response at the top. Zoom has two error
 * shapes: {@code {"code":…,"message":…}} for the REST API and {@code {"reason":…,"error":…}} for the OAuth endpoints.
 */
final class ApiError extends RuntimeException {

  private final int status;
  private final ObjectNode body;
  private final Map<String, String> headers = new LinkedHashMap<>();

  private ApiError(int status, ObjectNode body) {
    // An answer, not a fault: no stack trace to fill for each of the many error responses a test provokes.
    super(body.toString(), null, false, false);
    this.status = status;
    this.body = body;
  }

  /** A REST API error: {@code {"code":code,"message":message}}. */
  static ApiError zoom(int status, int code, String message) {
    ObjectNode body = SandboxJson.object();
    body.put("code", code);
    body.put("message", message);
    return new ApiError(status, body);
  }

  /** Zoom's validation failure (code 300) naming the offending field. */
  static ApiError invalidField(String field) {
    ApiError error = zoom(400, 300, "Validation Failed.");
    ObjectNode problem = error.body.putArray("errors").addObject();
    problem.put("field", field);
    problem.put("message", "Invalid field.");
    return error;
  }

  /** An OAuth endpoint error: {@code {"reason":reason,"error":error}}. */
  static ApiError oauth(int status, String error, String reason) {
    ObjectNode body = SandboxJson.object();
    body.put("reason", reason);
    body.put("error", error);
    return new ApiError(status, body);
  }

  ApiError header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  Response toResponse() {
    Response response = Response.json(status, body);
    headers.forEach(response::header);
    return response;
  }
}
