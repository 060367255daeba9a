package dev.patchbay.zoom.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.patchbay.api.SandboxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A started sandbox on a hand-moved clock, and the HTTP a client of it sends, over real loopback sockets. */
final class SandboxFixture implements AutoCloseable {

  static final Instant START = Instant.parse("2026-03-10T09:30:00Z");
  static final String REDIRECT_URI = "http://127.0.0.1:53682/callback";
  static final String ADA = "ada@sandbox.patchbay.dev";
  static final String ADA_ID = "pbxAdaLovelace00000001";
  static final String GRACE = "grace@sandbox.patchbay.dev";
  static final String GRACE_ID = "pbxGraceHopper00000002";
  /** RFC 7636 Appendix B. */
  static final String RFC_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  static final String RFC_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  final MutableClock clock;
  final RunningZoomSandbox sandbox;
  final HttpClient http = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private SandboxFixture(MutableClock clock, RunningZoomSandbox sandbox) {
    this.clock = clock;
    this.sandbox = sandbox;
  }

  /** The default seed, auto-approving, with rate limits high enough that a frozen clock never trips them. */
  static SandboxFixture start() throws IOException {
    return start(null, null, true);
  }

  static SandboxFixture start(Path seed, Path dataDirectory, boolean autoApprove) throws IOException {
    MutableClock clock = new MutableClock(START);
    RunningZoomSandbox sandbox =
        new ZoomSandbox(clock).start(new SandboxOptions(0, seed, dataDirectory, autoApprove));
    for (RateLimitCategory category : RateLimitCategory.values()) {
      sandbox.control().rateLimit(category, 100_000);
    }
    return new SandboxFixture(clock, sandbox);
  }

  SandboxControl control() {
    return sandbox.control();
  }

  @Override
  public void close() {
    sandbox.close();
  }

  // ------------------------------------------------------------------------------------------------------------
  // HTTP

  /** A request to a path of the sandbox (or a full URL) with an optional bearer token and JSON body. */
  HttpResponse<String> send(String method, String pathOrUrl, String token, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathOrUrl)).timeout(Duration.ofSeconds(20));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(json));
    return send(request.build());
  }

  HttpResponse<String> get(String pathOrUrl, String token) {
    return send("GET", pathOrUrl, token, null);
  }

  /** A form POST with HTTP Basic client authentication (null clientId: none). */
  HttpResponse<String> postForm(String path, String clientId, String clientSecret, Map<String, String> form) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(form)));
    if (clientId != null) {
      request.header("Authorization", basic(clientId, clientSecret));
    }
    return send(request.build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  URI uri(String pathOrUrl) {
    return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : sandbox.origin() + pathOrUrl);
  }

  static JsonNode json(HttpResponse<String> response) {
    return MAPPER.readTree(response.body());
  }

  static String basic(String clientId, String clientSecret) {
    return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret)
        .getBytes(StandardCharsets.UTF_8));
  }

  static String form(Map<String, String> parameters) {
    return parameters.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  /** The query parameters of a URL (a redirect's Location). */
  static Map<String, String> query(String url) {
    Map<String, String> parameters = new LinkedHashMap<>();
    String query = URI.create(url).getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return parameters;
  }

  // ------------------------------------------------------------------------------------------------------------
  // OAuth

  /** The authorize URL a client builds, with the RFC 7636 example challenge. */
  String authorizeUrl(SandboxApp app, String state) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("response_type", "code");
    parameters.put("client_id", app.clientId());
    parameters.put("redirect_uri", REDIRECT_URI);
    parameters.put("state", state);
    parameters.put("code_challenge", RFC_CHALLENGE);
    parameters.put("code_challenge_method", "S256");
    return sandbox.authorizeUrl() + "?" + form(parameters);
  }

  /** An auto-approved authorization code of the signed-in user. */
  String code(SandboxApp app) {
    HttpResponse<String> redirect = get(authorizeUrl(app, "st4te"), null);
    assertEquals(302, redirect.statusCode(), redirect::body);
    Map<String, String> callback = query(redirect.headers().firstValue("Location").orElseThrow());
    assertEquals("st4te", callback.get("state"));
    assertNotNull(callback.get("code"), "no code in " + callback);
    return callback.get("code");
  }

  HttpResponse<String> exchange(SandboxApp app, String code, String verifier) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", REDIRECT_URI);
    form.put("code_verifier", verifier);
    return postForm("/oauth/token", app.clientId(), app.clientSecret(), form);
  }

  HttpResponse<String> refresh(SandboxApp app, String refreshToken) {
    return postForm("/oauth/token", app.clientId(), app.clientSecret(),
        Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
  }

  /** The whole authorization-code flow with PKCE: the token response. */
  JsonNode authorize(SandboxApp app) {
    HttpResponse<String> response = exchange(app, code(app), RFC_VERIFIER);
    assertEquals(200, response.statusCode(), response::body);
    return json(response);
  }

  /** An access token of the operator app for the signed-in user (the owner, Ada, unless changed). */
  String accessToken() {
    return authorize(SandboxApp.OPERATOR).path("access_token").asString();
  }

  /** A Server-to-Server access token. */
  String serverToServerToken() {
    SandboxApp app = SandboxApp.SERVER_TO_SERVER;
    HttpResponse<String> response = postForm("/oauth/token", app.clientId(), app.clientSecret(),
        Map.of("grant_type", "account_credentials", "account_id", sandbox.connectionFields(app.authTypeId())
            .get("accountId")));
    assertEquals(200, response.statusCode(), response::body);
    return json(response).path("access_token").asString();
  }

  /** Zoom's double encoding of a UUID path segment. */
  static String doubleEncoded(String uuid) {
    return URLEncoder.encode(URLEncoder.encode(uuid, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }
}
