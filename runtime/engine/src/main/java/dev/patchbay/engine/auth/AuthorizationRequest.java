package dev.patchbay.engine.auth;

import dev.patchbay.engine.secrets.Secret;
import java.security.SecureRandom;
import java.util.Base64;
import okhttp3.HttpUrl;

/**
 * One request for an authorization code: the provider URL to send the user to, and what redeeming the code needs
 * later. {@code state} is 256 random bits bound to this one request; PKCE, unless the auth type turns it off, uses
 * S256, sent explicitly (Zoom assumes "plain" when the method is omitted); the same {@code redirect_uri} goes to the
 * token request. Scopes are sent only as {@link AuthorizationOptions} say: Zoom grants what the app is configured
 * with and rejects some scope lists, GitHub and Slack grant only what is asked for.
 */
public final class AuthorizationRequest {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String url;
  private final String state;
  private final String redirectUri;
  private final Pkce pkce;

  /** @param pkce null when the request sends no PKCE challenge */
  private AuthorizationRequest(String url, String state, String redirectUri, Pkce pkce) {
    this.url = url;
    this.state = state;
    this.redirectUri = redirectUri;
    this.pkce = pkce;
  }

  /**
   * @param state from {@link #newState()}: a loopback receiver must know it before the redirect URI exists
   * @throws IllegalArgumentException when {@code authorizeEndpoint} is not an http(s) URL
   */
  public static AuthorizationRequest create(String authorizeEndpoint, String clientId, String redirectUri,
      String state, AuthorizationOptions options) {
    HttpUrl authorize = HttpUrl.parse(authorizeEndpoint);
    if (authorize == null) {
      throw new IllegalArgumentException("the authorization endpoint is not an http(s) URL: " + authorizeEndpoint);
    }
    HttpUrl.Builder url = authorize.newBuilder()
        .addQueryParameter("response_type", "code")
        .addQueryParameter("client_id", clientId)
        .addQueryParameter("redirect_uri", redirectUri)
        .addQueryParameter("state", state);
    if (options.sendsScope()) {
      url.addQueryParameter(options.scopeParameter(), options.scope());
    }
    Pkce pkce = options.pkce() ? Pkce.create() : null;
    if (pkce != null) {
      url.addQueryParameter("code_challenge", pkce.challenge()).addQueryParameter("code_challenge_method", "S256");
    }
    return new AuthorizationRequest(url.build().toString(), state, redirectUri, pkce);
  }

  /** 256 bits from a CSPRNG, base64url. */
  public static String newState() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The provider's authorization page with this request's parameters. */
  public String url() {
    return url;
  }

  public String state() {
    return state;
  }

  public String redirectUri() {
    return redirectUri;
  }

  /** Redeems the code the provider sent back for this request. */
  public TokenResponse redeem(TokenEndpoint tokenEndpoint, String tokenUrl, String clientId,
      Secret clientSecret, String code) throws TokenEndpointException {
    return tokenEndpoint.exchangeCode(tokenUrl, clientId, clientSecret, code, redirectUri,
        pkce == null ? null : pkce.verifier());
  }

  /** The state and verifier are left out: they are as good as the code to whoever reads a log. */
  @Override
  public String toString() {
    return "AuthorizationRequest[redirectUri=" + redirectUri + "]";
  }
}
