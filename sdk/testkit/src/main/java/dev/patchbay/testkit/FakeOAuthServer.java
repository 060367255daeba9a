package dev.patchbay.testkit;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * An OAuth 2.0 authorization server that behaves like strict real ones: it approves {@code /authorize} at once
 * (redirecting to the client's loopback with a code and the state), issues tokens at {@code /token}, rotates the
 * refresh token on every refresh, and treats a rotated refresh token used again as theft: the whole family of tokens
 * is revoked and the answer is {@code invalid_grant}.
 *
 * <p>Scenario switches: {@link #omitExpiresIn()} (tokens without {@code expires_in}), {@link #answerNextToken} (the
 * next token requests get these answers instead, e.g. {@link #invalidGrant()}, {@link #invalidClient()}, a 429),
 * {@link #revokeAll()} (an administrator revoked the app). {@link #tokenRequests()} tells what the runtime sent.
 */
public final class FakeOAuthServer implements AutoCloseable {

  private final MockWebServer server = new MockWebServer();
  private final AtomicInteger counter = new AtomicInteger();
  private final Map<String, String> codes = new ConcurrentHashMap<>();
  /** Live refresh token -> its family; a family is every token issued from one sign-in. */
  private final Map<String, Integer> liveRefreshTokens = new ConcurrentHashMap<>();
  private final Map<String, Integer> rotatedRefreshTokens = new ConcurrentHashMap<>();
  private final Set<Integer> revokedFamilies = ConcurrentHashMap.newKeySet();
  private final Queue<MockResponse> scripted = new ArrayDeque<>();
  private final List<Map<String, String>> tokenRequests = new ArrayList<>();
  private final List<String> issuedAccessTokens = new ArrayList<>();
  private volatile boolean omitExpiresIn;
  private volatile int expiresInSeconds = 3600;
  private volatile String grantedScopes = "";

  /** Starts the server on 127.0.0.1 at a free port. */
  public FakeOAuthServer() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.equals("/authorize")) {
          return authorize(request.getUrl());
        }
        if (path.equals("/token")) {
          return token(form(request.getBody() == null ? "" : request.getBody().utf8()));
        }
        return json(404, "{\"error\":\"not_found\"}");
      }
    });
    try {
      server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("the fake OAuth server cannot start", e);
    }
  }

  /** The authorization endpoint, for a connection's {@code authorizeUrl}. */
  public String authorizeUrl() {
    return server.url("/authorize").toString();
  }

  /** The token endpoint, for a connection's {@code tokenUrl}. */
  public String tokenUrl() {
    return server.url("/token").toString();
  }

  /** The scopes every token grants (its {@code scope} field), space-separated. */
  public FakeOAuthServer grantScopes(Collection<String> scopes) {
    this.grantedScopes = String.join(" ", scopes);
    return this;
  }

  /** Token answers carry no {@code expires_in}: the client must cope with a token of unknown lifetime. */
  public FakeOAuthServer omitExpiresIn() {
    this.omitExpiresIn = true;
    return this;
  }

  /** The lifetime given in {@code expires_in} (default 3600 seconds). */
  public FakeOAuthServer expiresIn(int seconds) {
    this.expiresInSeconds = seconds;
    return this;
  }

  /** The next token requests get these answers, in order, instead of tokens. */
  public synchronized FakeOAuthServer answerNextToken(MockResponse... answers) {
    scripted.addAll(List.of(answers));
    return this;
  }

  /** Revokes every token issued so far, as an administrator removing the app would. */
  public void revokeAll() {
    liveRefreshTokens.values().forEach(revokedFamilies::add);
    rotatedRefreshTokens.values().forEach(revokedFamilies::add);
  }

  /** A 400 {@code invalid_grant} answer: the refresh token is no good (RFC 6749 §5.2). */
  public static MockResponse invalidGrant() {
    return json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid refresh token\"}");
  }

  /** A 401 {@code invalid_client} answer: the client's credentials are no good. */
  public static MockResponse invalidClient() {
    return json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client secret\"}");
  }

  /** The form of every token request received so far (grant_type, refresh_token, ...), in order. */
  public synchronized List<Map<String, String>> tokenRequests() {
    return List.copyOf(tokenRequests);
  }

  /** Every access token issued so far, in order. */
  public synchronized List<String> issuedAccessTokens() {
    return List.copyOf(issuedAccessTokens);
  }

  /** The refresh requests received so far. */
  public List<Map<String, String>> refreshRequests() {
    return tokenRequests().stream().filter(form -> "refresh_token".equals(form.get("grant_type"))).toList();
  }

  private MockResponse authorize(HttpUrl url) {
    String redirect = url.queryParameter("redirect_uri");
    String state = url.queryParameter("state");
    if (redirect == null || state == null) {
      return json(400, "{\"error\":\"invalid_request\",\"error_description\":\"redirect_uri and state are required\"}");
    }
    String code = "code-" + counter.incrementAndGet();
    codes.put(code, redirect);
    HttpUrl target = HttpUrl.get(redirect).newBuilder().addQueryParameter("code", code)
        .addQueryParameter("state", state).build();
    return new MockResponse.Builder().code(302).headers(Headers.of("Location", target.toString())).build();
  }

  private MockResponse token(Map<String, String> form) {
    MockResponse answer;
    synchronized (this) {
      tokenRequests.add(form);
      answer = scripted.poll();
    }
    if (answer != null) {
      return answer;
    }
    String grant = form.getOrDefault("grant_type", "");
    switch (grant) {
      case "authorization_code" -> {
        if (codes.remove(form.getOrDefault("code", "")) == null) {
          return invalidGrant();
        }
        return tokens(counter.incrementAndGet(), true);
      }
      case "refresh_token" -> {
        String presented = form.getOrDefault("refresh_token", "");
        Integer family = liveRefreshTokens.remove(presented);
        if (family == null) {
          Integer reused = rotatedRefreshTokens.get(presented);
          if (reused != null) {
            revokedFamilies.add(reused);
          }
          return invalidGrant();
        }
        rotatedRefreshTokens.put(presented, family);
        if (revokedFamilies.contains(family)) {
          return invalidGrant();
        }
        return tokens(family, true);
      }
      default -> {
        // client_credentials, or a provider's own grant for the app itself (Zoom's account_credentials).
        return tokens(counter.incrementAndGet(), false);
      }
    }
  }

  private MockResponse tokens(int family, boolean withRefreshToken) {
    int n = counter.incrementAndGet();
    Map<String, Object> body = new LinkedHashMap<>();
    synchronized (this) {
      issuedAccessTokens.add("access-" + n);
    }
    body.put("access_token", "access-" + n);
    body.put("token_type", "bearer");
    if (!omitExpiresIn) {
      body.put("expires_in", expiresInSeconds);
    }
    if (withRefreshToken) {
      String refresh = "refresh-" + n;
      liveRefreshTokens.put(refresh, family);
      body.put("refresh_token", refresh);
    }
    body.put("scope", grantedScopes);
    StringBuilder json = new StringBuilder("{");
    body.forEach((key, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(key).append("\":")
        .append(value instanceof Integer ? value.toString() : "\"" + value + "\""));
    return json(200, json.append('}').toString());
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      form.put(key, value);
    }
    return form;
  }

  static MockResponse json(int status, String body) {
    return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
  }

  @Override
  public void close() {
    server.close();
  }
}
