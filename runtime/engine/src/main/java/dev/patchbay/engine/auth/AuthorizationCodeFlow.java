package dev.patchbay.engine.auth;

import dev.patchbay.engine.secrets.Secret;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import okhttp3.HttpUrl;

/**
 * The OAuth 2.0 authorization code flow as RFC 8252 asks of a native app: a loopback redirect on 127.0.0.1,
 * {@code state} of 256 random bits bound to this one flow, PKCE with {@code code_challenge_method=S256} sent
 * explicitly (Zoom assumes "plain" when it is omitted), the same {@code redirect_uri} in both requests, and a
 * timeout. No {@code scope} is sent: Zoom grants what the app is configured with and rejects some scope lists.
 */
public final class AuthorizationCodeFlow {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final TokenEndpoint tokenEndpoint;
  private final Duration timeout;
  private final int callbackPort;

  /**
   * @param callbackPort the loopback port, or 0 for an ephemeral one (needs a provider that accepts any port)
   */
  public AuthorizationCodeFlow(TokenEndpoint tokenEndpoint, Duration timeout, int callbackPort) {
    this.tokenEndpoint = tokenEndpoint;
    this.timeout = timeout;
    this.callbackPort = callbackPort;
  }

  /** Runs the flow: shows the authorization page in {@code browser}, waits for the callback, redeems the code. */
  public TokenResponse authorize(String authorizeUrl, String tokenUrl, String clientId, Secret clientSecret,
      Browser browser) throws AuthorizationRefusedException, TokenEndpointException, IOException, InterruptedException {
    HttpUrl authorize = HttpUrl.parse(authorizeUrl);
    if (authorize == null) {
      throw new IllegalArgumentException("not an http(s) URL: " + authorizeUrl);
    }
    String state = randomToken();
    Pkce pkce = Pkce.create();
    try (LoopbackReceiver receiver = new LoopbackReceiver(callbackPort, state)) {
      String redirectUri = receiver.redirectUri();
      HttpUrl url = authorize.newBuilder()
          .addQueryParameter("response_type", "code")
          .addQueryParameter("client_id", clientId)
          .addQueryParameter("redirect_uri", redirectUri)
          .addQueryParameter("state", state)
          .addQueryParameter("code_challenge", pkce.challenge())
          .addQueryParameter("code_challenge_method", "S256")
          .build();
      browser.open(url.toString());
      String code = receiver.awaitCode(timeout);
      return tokenEndpoint.exchangeCode(tokenUrl, clientId, clientSecret, code, redirectUri, pkce.verifier());
    }
  }

  /** 256 bits from a CSPRNG, base64url. */
  static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
