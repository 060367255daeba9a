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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one-shot redirect listener of a native app's authorization (RFC 8252 §7.3): bound to 127.0.0.1 on an
 * ephemeral port (or a configured one), it accepts exactly one valid callback on its path and keeps the browser
 * waiting until {@link #answer} tells it the real outcome (connected, or why not: the code exchange can still fail,
 * with a wrong client secret say), or until it is closed.
 *
 * <p>A callback with a missing, wrong or duplicated {@code state} is answered 400 and ignored, so a stray or forged
 * request cannot end the flow; a valid one carrying {@code error=} ends it with that error.
 */
public final class LoopbackReceiver implements AutoCloseable {

  static final String PATH = "/callback";
  /** How long the browser's page waits for the outcome; the terminal has it in any case. */
  private static final Duration ANSWER_WAIT = Duration.ofMinutes(2);
  /** A few threads: the callback waits for its answer while others (a favicon, a stray request) are answered. */
  private static final int THREADS = 4;

  /** What the browser's page says: a title and a sentence. */
  private record Page(int status, String title, String text) {}

  private final HttpServer server;
  private final String expectedState;
  private final ExecutorService threads;
  private final CompletableFuture<Map<String, String>> callback = new CompletableFuture<>();
  private final CompletableFuture<Page> outcome = new CompletableFuture<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  public LoopbackReceiver(int port, String expectedState) throws IOException {
    this.expectedState = expectedState;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    AtomicInteger number = new AtomicInteger();
    this.threads = Executors.newFixedThreadPool(THREADS, runnable -> {
      Thread thread = new Thread(runnable, "patchbay-sign-in-" + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(threads);
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
   * Waits for the callback and returns its authorization code; the browser's page then waits for {@link #answer}.
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
      callback.complete(flat);
      Page page = waitForOutcome();
      respond(exchange, page.status(), page.title(), page.text());
    }
  }

  /**
   * Tells the browser's page how the sign-in ended: connected (what the connection is), or not (the error in
   * words). Only the first answer counts.
   */
  public void answer(boolean connected, String text) {
    outcome.complete(connected ? new Page(200, "Connected", text + " You may close this tab.")
        : new Page(200, "Could not connect", text + " The terminal says the same. You may close this tab."));
  }

  private Page waitForOutcome() {
    try {
      return outcome.get(ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Fall through: the page cannot know the outcome, the terminal will.
    }
    return stillWorking();
  }

  private static Page stillWorking() {
    return new Page(200, "Sign-in received", "Patchbay received the sign-in but has not finished it; the terminal "
        + "says whether the connection was added, or what went wrong. You may close this tab.");
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

  /** Stops listening; a page still waiting for the outcome is told to look at the terminal. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      outcome.complete(stillWorking());
      // Gives a page being written its moment; a waiting one was just answered.
      server.stop(1);
      threads.shutdownNow();
    }
  }
}
