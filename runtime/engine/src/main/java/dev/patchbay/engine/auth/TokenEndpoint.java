package dev.patchbay.engine.auth;

import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.secrets.Secret;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Talks to an OAuth 2.0 token endpoint: code exchange, refresh, client credentials, revocation. Client
 * authentication is HTTP Basic. A request is never replayed automatically: a refresh that reached the server may
 * already have rotated the refresh token (RFC 9700 §4.14; RELIABILITY R14).
 */
public final class TokenEndpoint {

  /**
   * Token types sent as {@code Authorization: Bearer}: RFC 6750's, and Slack's OAuth v2 names for the bot and user
   * tokens it issues (its token_type is "bot" or "user").
   */
  private static final Set<String> BEARER_TYPES = Set.of("bearer", "bot", "user");
  private static final int MAX_BODY = 64 * 1024;

  private final OkHttpClient client;
  private final Clock clock;

  public TokenEndpoint(OkHttpClient shared, Clock clock) {
    this.client = shared.newBuilder()
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .callTimeout(Duration.ofSeconds(30))
        .build();
    this.clock = clock;
  }

  /** @param codeVerifier the PKCE verifier, or null when the authorization request sent no challenge */
  public TokenResponse exchangeCode(String tokenUrl, String clientId, Secret clientSecret, String code,
      String redirectUri, String codeVerifier) throws TokenEndpointException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", redirectUri);
    if (codeVerifier != null) {
      form.put("code_verifier", codeVerifier);
    }
    return request(tokenUrl, clientId, clientSecret, form);
  }

  public TokenResponse refresh(String tokenUrl, String clientId, Secret clientSecret, Secret refreshToken)
      throws TokenEndpointException {
    return request(tokenUrl, clientId, clientSecret,
        Map.of("grant_type", "refresh_token", "refresh_token", refreshToken.reveal()));
  }

  /**
   * The client credentials grant; {@code parameters} may replace the grant type (Zoom: {@code account_credentials}
   * with {@code account_id}).
   */
  public TokenResponse clientCredentials(String tokenUrl, String clientId, Secret clientSecret,
      Map<String, String> parameters) throws TokenEndpointException {
    LinkedHashMap<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.putAll(parameters);
    return request(tokenUrl, clientId, clientSecret, form);
  }

  /** Revokes a token (RFC 7009); the token travels in the form body, never in the URL. */
  public void revoke(String revokeUrl, String clientId, Secret clientSecret, Secret token)
      throws TokenEndpointException {
    FormBody body = new FormBody.Builder().add("token", token.reveal()).build();
    try (Response response = client.newCall(post(revokeUrl, clientId, clientSecret, body)).execute()) {
      if (!response.isSuccessful()) {
        throw refusal(response.code(), readBody(response.body()));
      }
    } catch (IOException e) {
      throw unreachable(revokeUrl, e);
    }
  }

  private TokenResponse request(String tokenUrl, String clientId, Secret clientSecret, Map<String, String> form)
      throws TokenEndpointException {
    FormBody.Builder body = new FormBody.Builder();
    form.forEach(body::add);
    try (Response response = client.newCall(post(tokenUrl, clientId, clientSecret, body.build())).execute()) {
      String text = readBody(response.body());
      Instant receivedAt = clock.instant();
      if (!response.isSuccessful()) {
        throw refusal(response.code(), text);
      }
      return parse(text, receivedAt);
    } catch (IOException e) {
      throw unreachable(tokenUrl, e);
    }
  }

  private static Request post(String url, String clientId, Secret clientSecret, FormBody body) {
    return new Request.Builder()
        .url(url)
        .header("Authorization", Credentials.basic(clientId, clientSecret.reveal()))
        .header("Accept", "application/json")
        .post(body)
        .build();
  }

  private static TokenResponse parse(String text, Instant receivedAt) throws TokenEndpointException {
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(text);
    } catch (JacksonException e) {
      // The body may hold a token: say what was wrong, never what it said.
      throw new TokenEndpointException(200, null, null, "the token endpoint answered with something that is not JSON");
    }
    String accessToken = json.path("access_token").asString("");
    if (accessToken.isEmpty()) {
      if (json.path("error").isString() || json.path("ok").isBoolean() && !json.path("ok").booleanValue()) {
        // A refusal in a 200, read as a 400 would be: GitHub's {"error": "bad_verification_code", ...}, Slack's
        // {"ok": false, "error": "invalid_code"}.
        throw refusal(200, text);
      }
      throw new TokenEndpointException(200, null, null, "the token endpoint's answer has no access_token");
    }
    String tokenType = json.path("token_type").asString("");
    if (!BEARER_TYPES.contains(tokenType.toLowerCase(Locale.ROOT))) {
      throw new TokenEndpointException(200, null, null,
          "the token endpoint issued a token of type '" + tokenType + "'; only bearer tokens are supported");
    }
    // Without expires_in the token lasts until it is revoked (GitHub's OAuth apps, Slack's bot tokens): it is used
    // until the provider rejects it, and then refreshed if a refresh token came, else the connection needs reauth.
    JsonNode expiresIn = json.path("expires_in");
    Instant expiresAt = expiresIn.canConvertToLong() && expiresIn.asLong() > 0
        ? receivedAt.plus(Duration.ofSeconds(expiresIn.asLong())) : null;
    String refreshToken = json.path("refresh_token").asString("");
    Set<String> scopes = new LinkedHashSet<>();
    Arrays.stream(json.path("scope").asString("").split("[\\s,]+")).filter(s -> !s.isBlank()).forEach(scopes::add);
    return new TokenResponse(Secret.of(accessToken), expiresAt,
        refreshToken.isEmpty() ? null : Secret.of(refreshToken), scopes, urlFields(json));
  }

  /** Members naming a server (Zoom's api_url): http(s) URLs with neither user info nor a query to hide a secret. */
  private static Map<String, String> urlFields(JsonNode json) {
    Map<String, String> urls = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> member : json.properties()) {
      if (member.getValue().isString()) {
        HttpUrl url = HttpUrl.parse(member.getValue().asString());
        if (url != null && url.username().isEmpty() && url.password().isEmpty() && url.query() == null) {
          urls.put(member.getKey(), member.getValue().asString());
        }
      }
    }
    return urls;
  }

  private static TokenEndpointException refusal(int status, String text) {
    String error = null;
    String reason = null;
    try {
      JsonNode json = Json.MAPPER.readTree(text);
      error = json.path("error").asString(null);
      reason = json.path("reason").asString(json.path("error_description").asString(null));
    } catch (JacksonException e) {
      // Not JSON (an HTML error page): the status is all there is.
    }
    String message = "the token endpoint refused the request (HTTP " + status
        + (error != null ? ", " + error : "") + (reason != null ? ": " + reason : "") + ")";
    return new TokenEndpointException(status, error, reason, message);
  }

  private static TokenEndpointException unreachable(String url, IOException e) {
    boolean neverSent = e instanceof ConnectException || e instanceof UnknownHostException;
    if (e instanceof java.io.InterruptedIOException) {
      // A timeout: the request was sent and nothing came back in time; the provider may well have applied it.
      return new TokenEndpointException("the token endpoint " + url + " did not answer in time (" + e.getMessage()
          + ")", true, e);
    }
    return new TokenEndpointException("the token endpoint " + url + " could not be reached: " + e.getClass().getSimpleName()
        + (e.getMessage() != null ? " (" + e.getMessage() + ")" : ""), !neverSent, e);
  }

  private static String readBody(ResponseBody body) throws IOException {
    if (body == null) {
      return "";
    }
    try (java.io.InputStream in = body.byteStream()) {
      return new String(in.readNBytes(MAX_BODY), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
