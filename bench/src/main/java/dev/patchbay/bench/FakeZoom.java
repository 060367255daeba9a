package dev.patchbay.bench;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A cheap, steady stand-in for Zoom on MockWebServer, for benchmarks where the server must not be the bottleneck:
 * {@code GET /v2/users/me} answers a fixed user ({@link #USER_ME}, built once); {@code /oauth/authorize} approves at
 * once (302 back to the loopback receiver with a code); {@code /oauth/token} answers the authorization code,
 * {@code refresh_token} and {@code account_credentials} grants, rotating the refresh token on every refresh and
 * refusing a reused one with {@code invalid_grant}, as Zoom does. Counts refreshes, refused refreshes and the
 * connections it accepted.
 */
final class FakeZoom implements AutoCloseable {

  static final String CLIENT_ID = "benchClientId";
  static final String CLIENT_SECRET = "bench-client-secret";
  static final String ACCOUNT_ID = "benchAccount01";
  static final String SCOPES = "user:read user_info:read user:read:user:admin meeting:read meeting:write";

  /** A Zoom user as {@code GET /users/me} returns it (fields from Zoom's API reference), about 1 KB. */
  static final String USER_ME = """
      {"id":"KDcuGIm1QgePTO8WbOqwIQ","first_name":"Jill","last_name":"Chill","display_name":"Jill Chill",\
      "email":"jchill@example.com","type":2,"role_name":"Owner","pmi":3542471135,"use_pmi":false,\
      "personal_meeting_url":"https://us05web.zoom.us/j/3542471135?pwd=Q3JlYXRlZEJ5QmVuY2g","timezone":"Asia/Shanghai",\
      "verified":1,"dept":"Engineering","created_at":"2019-06-01T07:58:03Z","last_login_time":"2026-11-28T11:15:16Z",\
      "last_client_version":"5.17.11.34827(mac)","pic_url":"https://us05web.zoom.us/p/KDcuGIm1QgePTO8WbOqwIQ/pic.jpg",\
      "language":"en-US","phone_number":"+1 800000000","status":"active","role_id":"0",\
      "account_id":"q6gBJVO5TzexKYTb_I2rpg","account_number":10009239,"cluster":"us05",\
      "job_title":"Product Manager","company":"Example Co","location":"Hangzhou","group_ids":["RSMaSp8sTEGK0_oamiA2_w"],\
      "im_group_ids":["t-_-d56CSWG-7BF15LLrOw"],"login_types":[100],"user_created_at":"2019-06-01T07:58:03Z",\
      "phone_numbers":[{"code":"+1","country":"US","number":"800000000","label":"Mobile","verified":true}]}""";

  private final MockWebServer server = new MockWebServer();
  private final MockResponse userMe;
  private final String userMeBody;
  private final long expiresInSeconds;
  private final AtomicInteger issued = new AtomicInteger();
  private final AtomicInteger refreshes = new AtomicInteger();
  private final AtomicInteger refusedRefreshes = new AtomicInteger();
  private final LongAccumulator connections = new LongAccumulator(Math::max, -1);
  private String currentRefreshToken;

  /**
   * @param userMeBody the body of {@code GET /v2/users/me}
   * @param expiresInSeconds {@code expires_in} of every access token it issues
   */
  FakeZoom(String userMeBody, long expiresInSeconds) throws IOException {
    this.userMeBody = userMeBody;
    this.expiresInSeconds = expiresInSeconds;
    this.userMe = new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json;charset=UTF-8")
        .body(userMeBody).build();
    server.setServerSocketFactory(NoDelayServerSockets.INSTANCE);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        connections.accumulate(request.getConnectionIndex());
        return handle(request);
      }
    });
    server.start();
  }

  FakeZoom() throws IOException {
    this(USER_ME, 86_400);
  }

  String url(String path) {
    return server.url(path).toString();
  }

  String userMeBody() {
    return userMeBody;
  }

  int refreshes() {
    return refreshes.get();
  }

  int refusedRefreshes() {
    return refusedRefreshes.get();
  }

  /** Connections the server accepted so far (keep-alive reuse keeps this small). */
  long connectionsAccepted() {
    return connections.get() + 1;
  }

  /** Forgets the requests MockWebServer keeps for {@code takeRequest}, so a long run does not fill the heap. */
  void drainRecordedRequests() throws InterruptedException {
    while (server.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
      // dropped
    }
  }

  private MockResponse handle(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    switch (path) {
      case "/v2/users/me":
        String authorization = request.getHeaders().get("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer at-")) {
          return json(401, "{\"code\":124,\"message\":\"Invalid access token.\"}");
        }
        return userMe;
      case "/oauth/authorize":
        return authorize(request.getUrl());
      case "/oauth/token":
        return token(request);
      default:
        return json(404, "{\"code\":404,\"message\":\"Not found\"}");
    }
  }

  private MockResponse authorize(HttpUrl url) {
    HttpUrl back = HttpUrl.get(url.queryParameter("redirect_uri")).newBuilder()
        .addQueryParameter("code", "code-" + issued.incrementAndGet())
        .addQueryParameter("state", url.queryParameter("state"))
        .build();
    return new MockResponse.Builder().code(302).setHeader("Location", back.toString()).build();
  }

  private MockResponse token(RecordedRequest request) {
    String expected = okhttp3.Credentials.basic(CLIENT_ID, CLIENT_SECRET);
    if (!expected.equals(request.getHeaders().get("Authorization"))) {
      return json(401, "{\"reason\":\"Invalid client_id or client_secret\",\"error\":\"invalid_client\"}");
    }
    Map<String, String> form = form(request);
    switch (form.getOrDefault("grant_type", "")) {
      case "authorization_code":
        return tokens(true);
      case "account_credentials":
        return tokens(false);
      case "refresh_token":
        synchronized (this) {
          if (currentRefreshToken == null || !currentRefreshToken.equals(form.get("refresh_token"))) {
            refusedRefreshes.incrementAndGet();
            return json(400, "{\"reason\":\"Invalid Token!\",\"error\":\"invalid_grant\"}");
          }
          refreshes.incrementAndGet();
          return tokens(true);
        }
      default:
        return json(400, "{\"reason\":\"Unsupported grant type\",\"error\":\"unsupported_grant_type\"}");
    }
  }

  private synchronized MockResponse tokens(boolean withRefresh) {
    int n = issued.incrementAndGet();
    StringBuilder body = new StringBuilder("{\"access_token\":\"at-").append(n)
        .append("\",\"token_type\":\"bearer\",\"expires_in\":").append(expiresInSeconds)
        .append(",\"scope\":\"").append(SCOPES).append('"');
    if (withRefresh) {
      currentRefreshToken = "rt-" + n;
      body.append(",\"refresh_token\":\"").append(currentRefreshToken).append('"');
    }
    return json(200, body.append('}').toString());
  }

  private static Map<String, String> form(RecordedRequest request) {
    Map<String, String> form = new LinkedHashMap<>();
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  @Override
  public void close() {
    server.close();
  }
}
