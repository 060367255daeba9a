package dev.patchbay.engine.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one-shot redirect listener of a native app's authorization (RFC 8252 §7.3): bound to 127.0.0.1 on an
 * ephemeral port (or a configured one), it accepts exactly one valid callback on its path, answers the browser
 * with a page saying the tab may be closed, and is closed after that callback or the timeout.
 *
 * <p>A callback with a missing, wrong or duplicated {@code state} is answered 400 and ignored, so a stray or forged
 * request cannot end the flow; a valid one carrying {@code error=} ends it with that error.
 */
public final class LoopbackReceiver implements AutoCloseable {

  static final String PATH = "/callback";

  private final HttpServer server;
  private final String expectedState;
  private final CompletableFuture<Map<String, String>> callback = new CompletableFuture<>();
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  public LoopbackReceiver(int port, String expectedState) throws IOException {
    this.expectedState = expectedState;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The redirect URI to register in the authorization request: the same string must go to the token request. */
  public String redirectUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  /**
   * Waits for the callback and returns its authorization code.
   *
   * @throws AuthorizationRefusedException when the callback carries an error, or none arrives within {@code timeout}
   */
  public String awaitCode(Duration timeout) throws AuthorizationRefusedException, InterruptedException {
    Map<String, String> query;
    try {
      query = callback.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AuthorizationRefusedException("timeout",
          "no sign-in arrived within " + timeout.toMinutes() + " minutes; run the command again and finish the "
              + "sign-in in the browser");
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      close();
    }
    String error = query.get("error");
    if (error != null) {
      throw AuthorizationRefusedException.fromCallback(error, query.get("error_description"));
    }
    return query.get("code");
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      if (!exchange.getRequestURI().getPath().equals(PATH) || !"GET".equals(exchange.getRequestMethod())) {
        respond(exchange, 404, "Not found", "This address only receives a sign-in.");
        return;
      }
      Map<String, List<String>> query = parse(exchange.getRequestURI().getRawQuery());
      for (List<String> values : query.values()) {
        if (values.size() > 1) {
          respond(exchange, 400, "Sign-in rejected", "The sign-in answer repeats a parameter.");
          return;
        }
      }
      String state = single(query, "state");
      if (state == null || !constantTimeEquals(state, expectedState)) {
        respond(exchange, 400, "Sign-in rejected", "The sign-in answer does not belong to this sign-in.");
        return;
      }
      if (single(query, "error") == null && single(query, "code") == null) {
        respond(exchange, 400, "Sign-in rejected", "The sign-in answer has neither a code nor an error.");
        return;
      }
      if (callback.isDone()) {
        respond(exchange, 400, "Sign-in rejected", "This sign-in has already been received.");
        return;
      }
      Map<String, String> flat = new LinkedHashMap<>();
      query.forEach((key, values) -> flat.put(key, values.get(0)));
      if (flat.containsKey("error")) {
        respond(exchange, 200, "Sign-in not completed",
            "The provider did not authorize Patchbay (" + flat.get("error") + "). The terminal says what to do. "
                + "You may close this tab.");
      } else {
        // Not "connected": the code is yet to be redeemed, which can still fail (a wrong client secret). The
        // browser's answer cannot wait for that, since an unattended browser (the sandbox's) waits for this page.
        respond(exchange, 200, "Sign-in received", "Patchbay received the sign-in and is completing it; the terminal "
            + "says whether the connection was added, or what went wrong. You may close this tab.");
      }
      callback.complete(flat);
    }
  }

  private static Map<String, List<String>> parse(String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return query;
  }

  private static String single(Map<String, List<String>> query, String key) {
    List<String> values = query.get(key);
    return values == null ? null : values.get(0);
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static void respond(HttpExchange exchange, int status, String title, String text) throws IOException {
    String html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Patchbay: " + escape(title)
        + "</title></head><body style=\"font-family:sans-serif;margin:3em\"><h1>" + escape(title) + "</h1><p>"
        + escape(text) + "</p></body></html>";
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop(0);
    }
  }
}
