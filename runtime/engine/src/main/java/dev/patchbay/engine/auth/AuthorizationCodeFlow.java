package dev.patchbay.engine.auth;

import dev.patchbay.engine.secrets.Secret;
import java.io.IOException;
import java.time.Duration;

/**
 * The OAuth 2.0 authorization code flow as RFC 8252 asks of a native app: a loopback redirect on 127.0.0.1 that
 * receives one {@link AuthorizationRequest}'s answer within a timeout. A server receives the answer on its own
 * callback route instead and redeems it with {@link AuthorizationRequest#redeem}.
 */
public final class AuthorizationCodeFlow {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

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

  /** How long a sign-in may take, from the authorization page to the callback. */
  public Duration timeout() {
    return timeout;
  }

  /** Runs the flow: shows the authorization page in {@code browser}, waits for the callback, redeems the code. */
  public TokenResponse authorize(String authorizeUrl, String tokenUrl, String clientId, Secret clientSecret,
      Browser browser) throws AuthorizationRefusedException, TokenEndpointException, IOException, InterruptedException {
    String state = AuthorizationRequest.newState();
    try (LoopbackReceiver receiver = new LoopbackReceiver(callbackPort, state)) {
      AuthorizationRequest request = AuthorizationRequest.create(authorizeUrl, clientId, receiver.redirectUri(), state);
      browser.open(request.url());
      String code = receiver.awaitCode(timeout);
      return request.redeem(tokenEndpoint, tokenUrl, clientId, clientSecret, code);
    }
  }
}
