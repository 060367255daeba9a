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

  /** Starts a sign-in: the loopback listener is up; show {@link SignIn#url()} to the user. */
  public SignIn begin(String authorizeUrl, String clientId, AuthorizationOptions options) throws IOException {
    String state = AuthorizationRequest.newState();
    LoopbackReceiver receiver = new LoopbackReceiver(callbackPort, state);
    try {
      return new SignIn(receiver, AuthorizationRequest.create(authorizeUrl, clientId, receiver.redirectUri(), state,
          options));
    } catch (IllegalArgumentException e) {
      receiver.close();
      throw e;
    }
  }

  /**
   * One sign-in on the loopback. The browser that brought the answer waits for {@link #answer} to show the real
   * outcome; closing ends the sign-in.
   */
  public final class SignIn implements AutoCloseable {

    private final LoopbackReceiver receiver;
    private final AuthorizationRequest request;

    private SignIn(LoopbackReceiver receiver, AuthorizationRequest request) {
      this.receiver = receiver;
      this.request = request;
    }

    /** The provider's authorization page to show the user. */
    public String url() {
      return request.url();
    }

    /** Waits for the provider's answer and redeems its code. */
    public TokenResponse redeem(String tokenUrl, String clientId, Secret clientSecret)
        throws AuthorizationRefusedException, TokenEndpointException, InterruptedException {
      String code = receiver.awaitCode(timeout);
      return request.redeem(tokenEndpoint, tokenUrl, clientId, clientSecret, code);
    }

    /** What the user's browser page says about the outcome. */
    public void answer(boolean connected, String text) {
      receiver.answer(connected, text);
    }

    @Override
    public void close() {
      receiver.close();
    }
  }
}
