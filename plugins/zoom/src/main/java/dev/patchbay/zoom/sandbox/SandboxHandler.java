package dev.patchbay.zoom.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The one handler of the sandbox's HTTP server: applies the fault switches, routes to the OAuth endpoints, the
 * REST API, downloads or the control endpoint, and writes the answer.
 */
final class SandboxHandler implements HttpHandler {

  private final Services services;
  private final AuthorizeEndpoint authorize;
  private final TokenEndpoint token;
  private final RevokeEndpoint revoke;
  private final ApiRouter api;
  private final Downloads downloads;
  private final ControlEndpoint control;

  SandboxHandler(Services services, ControlEndpoint control) {
    this.services = services;
    this.authorize = new AuthorizeEndpoint(services);
    this.token = new TokenEndpoint(services);
    this.revoke = new RevokeEndpoint(services);
    this.api = new ApiRouter(services);
    this.downloads = new Downloads(services);
    this.control = control;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      Request request;
      try {
        request = Request.read(exchange);
      } catch (ApiError e) {
        e.toResponse().send(exchange);
        return;
      }
      String path = request.path();
      if (path.equals("/_sandbox") || path.startsWith("/_sandbox/")) {
        control.handle(request).send(exchange);
        return;
      }
      services.requestLog().request(path);
      Faults faults = services.faults();
      pause(faults.latency());
      if (faults.droppedConnections().get().take(path)) {
        return; // closing an exchange before its response headers closes the connection: no answer at all
      }
      Faults.Burst errors = faults.serverErrors().get();
      if (errors.take(path)) {
        serverError(errors.status()).send(exchange);
        return;
      }
      Response response = route(request);
      if (faults.lostResponses().get().take(path)) {
        return;
      }
      response.send(exchange);
    } catch (IOException e) {
      // The client went away while the answer was written; nothing is left to tell it.
    } catch (RuntimeException e) {
      sendQuietly(exchange, ApiError.zoom(500, 500, "Internal Server Error.").toResponse());
    } finally {
      exchange.close();
    }
  }

  private Response route(Request request) {
    try {
      List<String> segments = request.segments();
      if (segments != null && !segments.isEmpty()) {
        if (segments.size() == 2 && segments.get(0).equals("oauth")) {
          switch (segments.get(1)) {
            case "authorize":
              return authorize.handle(request);
            case "token":
              return token.handle(request);
            case "revoke":
              return revoke.handle(request);
            default:
              break;
          }
        }
        if (segments.get(0).equals("v2")) {
          return api.handle(request, segments.subList(1, segments.size()));
        }
        Response download = downloads.handle(request, segments);
        if (download != null) {
          return download;
        }
      }
      return ApiError.zoom(404, 404, "The requested resource does not exist.").toResponse();
    } catch (ApiError e) {
      return e.toResponse();
    }
  }

  private static Response serverError(int status) {
    Response response = ApiError.zoom(status, status, status == 429
        ? "You have reached the maximum per-second rate limit for this API. Try again later."
        : status == 503 ? "Service Unavailable. Please try again later." : "Internal Server Error.").toResponse();
    return status == 503 || status == 429 ? response.header("Retry-After", "1") : response;
  }

  private static void pause(Duration latency) {
    if (latency.isZero()) {
      return;
    }
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sendQuietly(HttpExchange exchange, Response response) {
    try {
      response.send(exchange);
    } catch (IOException | RuntimeException e) {
      // The headers may already be out; closing the exchange is all that is left.
    }
  }
}
