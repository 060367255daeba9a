package dev.patchbay.engine.testing;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A stateful OAuth 2.0 authorization server on MockWebServer that behaves like Zoom's: authorization codes with
 * PKCE, single use; refresh tokens rotate on every refresh and reusing an old one revokes the whole token family;
 * one live authorization per user and client (a new one revokes the older family); client credentials with
 * {@code account_credentials}; revocation. Every token it issues starts with {@link #CANARY}, so tests can check
 * that none leaks.
 */
public final class FakeOAuthServer implements AutoCloseable {

  public static final String CANARY = "CANARY7f3a";

  private final MockWebServer server = new MockWebServer();
  private final Map<String, String> clients = new ConcurrentHashMap<>();
  private final Map<String, CodeGrant> codes = new ConcurrentHashMap<>();
  private final List<Family> families = new CopyOnWriteArrayList<>();
  private final List<RecordedRequest> tokenRequests = new CopyOnWriteArrayList<>();
  private final List<HttpUrl> authorizeRequests = new CopyOnWriteArrayList<>();
  private final AtomicInteger refreshes = new AtomicInteger();
  private final AtomicInteger issued = new AtomicInteger();
  private volatile String user = "user-1";
  private volatile String denyWith;
  private volatile long expiresIn = 3599;
  private volatile String scope = "things:read";
  private volatile String apiUrl;
  private volatile long refreshDelayMillis;

  private record CodeGrant(String clientId, String redirectUri, String challenge, String user, boolean[] used) {}

  private static final class Family {
    final String clientId;
    final String user;
    final List<String> refreshTokens = new ArrayList<>();
    final List<String> accessTokens = new ArrayList<>();
    volatile boolean revoked;

    Family(String clientId, String user) {
      this.clientId = clientId;
      this.user = user;
    }

    synchronized String currentRefreshToken() {
      return refreshTokens.isEmpty() ? null : refreshTokens.get(refreshTokens.size() - 1);
    }
  }

  public FakeOAuthServer() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        return handle(request);
      }
    });
    server.start();
  }

  public FakeOAuthServer client(String clientId, String clientSecret) {
    clients.put(clientId, clientSecret);
    return this;
  }

  /** Who signs in at the next authorization. */
  public FakeOAuthServer signInAs(String userId) {
    this.user = userId;
    return this;
  }

  /** Answer the next authorizations with this OAuth error instead of a code (null: approve). */
  public FakeOAuthServer denyWith(String error) {
    this.denyWith = error;
    return this;
  }

  public FakeOAuthServer expiresIn(long seconds) {
    this.expiresIn = seconds;
    return this;
  }

  public FakeOAuthServer scope(String scope) {
    this.scope = scope;
    return this;
  }

  public FakeOAuthServer apiUrl(String apiUrl) {
    this.apiUrl = apiUrl;
    return this;
  }

  /** Slows refresh answers, so racing callers pile up behind the first refresh. */
  public FakeOAuthServer refreshDelayMillis(long millis) {
    this.refreshDelayMillis = millis;
    return this;
  }

  public String url(String path) {
    return server.url(path).toString();
  }

  public int refreshCount() {
    return refreshes.get();
  }

  public List<RecordedRequest> tokenRequests() {
    return Collections.unmodifiableList(tokenRequests);
  }

  public List<HttpUrl> authorizeRequests() {
    return Collections.unmodifiableList(authorizeRequests);
  }

  /** Every request the server saw, for canary scans of URLs. */
  public int requestCount() {
    return server.getRequestCount();
  }

  public boolean isRevoked(String accessToken) {
    return families.stream().filter(f -> f.accessTokens.contains(accessToken)).anyMatch(f -> f.revoked);
  }

  /** The refresh token the server currently accepts for the user's authorization of the client. */
  public String currentRefreshToken(String clientId, String userId) {
    return families.stream().filter(f -> f.clientId.equals(clientId) && f.user.equals(userId) && !f.revoked)
        .map(Family::currentRefreshToken).findFirst().orElse(null);
  }

  private MockResponse handle(RecordedRequest request) throws InterruptedException {
    String path = request.getUrl().encodedPath();
    switch (path) {
      case "/oauth/authorize":
        return authorize(request.getUrl());
      case "/oauth/token":
        tokenRequests.add(request);
        return token(request);
      case "/oauth/revoke":
        return revoke(request);
      default:
        return new MockResponse.Builder().code(404).body("{\"code\":404,\"message\":\"not found\"}").build();
    }
  }

  private MockResponse authorize(HttpUrl url) {
    authorizeRequests.add(url);
    String redirectUri = url.queryParameter("redirect_uri");
    String state = url.queryParameter("state");
    String clientId = url.queryParameter("client_id");
    if (redirectUri == null || !clients.containsKey(clientId)) {
      return new MockResponse.Builder().code(400).body("<html>Invalid client or redirect</html>").build();
    }
    HttpUrl.Builder back = HttpUrl.get(redirectUri).newBuilder().addQueryParameter("state", state);
    if (denyWith != null) {
      back.addQueryParameter("error", denyWith).addQueryParameter("error_description", "app not approved <script>");
    } else {
      String code = "code-" + issued.incrementAndGet();
      codes.put(code, new CodeGrant(clientId, redirectUri, url.queryParameter("code_challenge"), user,
          new boolean[1]));
      back.addQueryParameter("code", code);
    }
    return new MockResponse.Builder().code(302).setHeader("Location", back.build().toString()).build();
  }

  private MockResponse token(RecordedRequest request) throws InterruptedException {
    String clientId = authenticatedClient(request);
    if (clientId == null) {
      return error(401, "invalid_client", "Invalid client_id or client_secret");
    }
    Map<String, String> form = form(request);
    switch (form.getOrDefault("grant_type", "")) {
      case "authorization_code":
        return exchangeCode(clientId, form);
      case "refresh_token":
        refreshes.incrementAndGet();
        if (refreshDelayMillis > 0) {
          Thread.sleep(refreshDelayMillis);
        }
        return refresh(clientId, form.get("refresh_token"));
      case "account_credentials":
        if (form.get("account_id") == null) {
          return error(400, "invalid_request", "account_id is required");
        }
        return tokens(new Family(clientId, "account:" + form.get("account_id")), false);
      default:
        return error(400, "unsupported_grant_type", "Unsupported grant type");
    }
  }

  private synchronized MockResponse exchangeCode(String clientId, Map<String, String> form) {
    CodeGrant grant = codes.get(form.getOrDefault("code", ""));
    if (grant == null || grant.used()[0] || !grant.clientId().equals(clientId)) {
      return error(400, "invalid_grant", "Invalid authorization code");
    }
    grant.used()[0] = true;
    if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
      return error(400, "invalid_grant", "Redirect URI mismatch");
    }
    if (!s256(form.getOrDefault("code_verifier", "")).equals(grant.challenge())) {
      return error(400, "invalid_grant", "Invalid code_verifier");
    }
    for (Family family : families) {
      if (family.clientId.equals(clientId) && family.user.equals(grant.user())) {
        family.revoked = true;
      }
    }
    Family family = new Family(clientId, grant.user());
    families.add(family);
    return tokens(family, true);
  }

  private MockResponse refresh(String clientId, String refreshToken) {
    for (Family family : families) {
      synchronized (family) {
        int index = family.refreshTokens.indexOf(refreshToken);
        if (index < 0 || !family.clientId.equals(clientId)) {
          continue;
        }
        if (family.revoked) {
          return error(400, "invalid_grant", "The token has been revoked");
        }
        if (index != family.refreshTokens.size() - 1) {
          family.revoked = true;
          return error(400, "invalid_grant", "Invalid Token!");
        }
        return tokens(family, true);
      }
    }
    return error(400, "invalid_grant", "Invalid Token!");
  }

  private MockResponse tokens(Family family, boolean withRefresh) {
    int n = issued.incrementAndGet();
    String accessToken = CANARY + "-at-" + n;
    StringBuilder body = new StringBuilder("{\"access_token\":\"" + accessToken + "\",\"token_type\":\"bearer\","
        + "\"expires_in\":" + expiresIn + ",\"scope\":\"" + scope + "\"");
    synchronized (family) {
      family.accessTokens.add(accessToken);
      if (withRefresh) {
        String refreshToken = CANARY + "-rt-" + n;
        family.refreshTokens.add(refreshToken);
        body.append(",\"refresh_token\":\"").append(refreshToken).append('"');
      }
    }
    if (!families.contains(family)) {
      families.add(family);
    }
    if (apiUrl != null) {
      body.append(",\"api_url\":\"").append(apiUrl).append('"');
    }
    body.append('}');
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .body(body.toString()).build();
  }

  private MockResponse revoke(RecordedRequest request) {
    if (authenticatedClient(request) == null) {
      return error(401, "invalid_client", "Invalid client_id or client_secret");
    }
    String token = form(request).get("token");
    for (Family family : families) {
      if (family.refreshTokens.contains(token) || family.accessTokens.contains(token)) {
        family.revoked = true;
      }
    }
    return new MockResponse.Builder().code(200).body("{\"status\":\"success\"}").build();
  }

  private String authenticatedClient(RecordedRequest request) {
    String header = request.getHeaders().get("Authorization");
    if (header == null || !header.startsWith("Basic ")) {
      return null;
    }
    String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
    int colon = decoded.indexOf(':');
    String id = decoded.substring(0, colon);
    return decoded.substring(colon + 1).equals(clients.get(id)) ? id : null;
  }

  public static Map<String, String> form(RecordedRequest request) {
    Map<String, String> form = new LinkedHashMap<>();
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  static String s256(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MockResponse error(int status, String error, String reason) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
        .body("{\"reason\":\"" + reason + "\",\"error\":\"" + error + "\"}").build();
  }

  @Override
  public void close() {
    server.close();
  }
}
