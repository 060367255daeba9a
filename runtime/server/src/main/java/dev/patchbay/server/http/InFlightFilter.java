package dev.patchbay.server.http;

import dev.patchbay.engine.json.Json;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts every request in and out of {@link InFlight} around the whole exchange, the answer's last byte included,
 * so a stop that waited for the count to reach zero cuts no answer short; refuses requests with 503 once a stop
 * began.
 */
public final class InFlightFilter implements Filter {

  private static final Logger REQUESTS = LoggerFactory.getLogger(RequestLog.NAME);

  private final InFlight inFlight;

  public InFlightFilter(InFlight inFlight) {
    this.inFlight = inFlight;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!inFlight.enter()) {
      refuse((HttpServletRequest) request, (HttpServletResponse) response);
      return;
    }
    try {
      chain.doFilter(request, response);
      complete(response);
    } finally {
      inFlight.exit();
    }
  }

  /**
   * Finishes the answer before the count goes down: a flush alone leaves a chunked body without its last chunk, which
   * a stop right after would cut off.
   */
  private static void complete(ServletResponse response) throws IOException {
    try {
      response.getOutputStream().close();
    } catch (IllegalStateException usedWriter) {
      response.getWriter().close();
    }
  }

  private static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
    ApiException refusal = new ApiException(503, ApiException.SHUTTING_DOWN, "the server is shutting down");
    response.setStatus(refusal.status());
    response.setHeader("Retry-After", "5");
    response.setHeader("Connection", "close");
    response.setContentType("application/json");
    byte[] body = Json.MAPPER.writeValueAsString(refusal.body()).getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    response.flushBuffer();
    RequestLog.line(REQUESTS, request.getMethod(), request.getRequestURI(), refusal.status(), 0);
  }
}
