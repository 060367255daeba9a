package dev.patchbay.engine.auth;

import dev.patchbay.engine.secrets.Secret;
import java.security.SecureRandom;
import java.util.Base64;
import okhttp3.HttpUrl;

/**
 * One request for an authorization code: the provider URL to send the user to, and what redeeming the code needs
 * later. {@code state} is 256 random bits bound to this one request; PKCE uses S256, sent explicitly (Zoom assumes
 * "plain" when the method is omitted); the same {@code redirect_uri} goes to the token request. No {@code scope}
 * is sent: Zoom grants what the app is configured with and rejects some scope lists.
 */
public final class AuthorizationRequest {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String url;
  private final String state;
  private final String redirectUri;
  private final Pkce pkce;

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
      String state) {
    HttpUrl authorize = HttpUrl.parse(authorizeEndpoint);
    if (authorize == null) {
      throw new IllegalArgumentException("the authorization endpoint is not an http(s) URL: " + authorizeEndpoint);
    }
    Pkce pkce = Pkce.create();
    String url = authorize.newBuilder()
        .addQueryParameter("response_type", "code")
        .addQueryParameter("client_id", clientId)
        .addQueryParameter("redirect_uri", redirectUri)
        .addQueryParameter("state", state)
        .addQueryParameter("code_challenge", pkce.challenge())
        .addQueryParameter("code_challenge_method", "S256")
        .build().toString();
    return new AuthorizationRequest(url, state, redirectUri, pkce);
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
    return tokenEndpoint.exchangeCode(tokenUrl, clientId, clientSecret, code, redirectUri, pkce.verifier());
  }

  /** The state and verifier are left out: they are as good as the code to whoever reads a log. */
  @Override
  public String toString() {
    return "AuthorizationRequest[redirectUri=" + redirectUri + "]";
  }
}
