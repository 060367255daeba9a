package dev.patchbay.server.signin;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.Connections;
import dev.patchbay.engine.connections.PendingAuthorization;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sign-ins the server is running, in memory: found by id (the start page, polling) and by OAuth state (the
 * callback). A callback claims its sign-in once; a finished one is kept a while for {@code GET /api/sign-ins/{id}},
 * then forgotten, as is one nobody finished before it expired.
 */
public final class SignIns {

  /** How long a finished sign-in's outcome can still be polled. */
  static final Duration KEPT_AFTER_EXPIRY = Duration.ofMinutes(10);
  /** Bounds the memory a client holding the API token can tie up by beginning sign-ins nobody finishes. */
  static final int MAX_KEPT = 1000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, SignIn> byId = new ConcurrentHashMap<>();
  private final Map<String, SignIn> byState = new ConcurrentHashMap<>();
  private final Clock clock;

  public SignIns(Clock clock) {
    this.clock = clock;
  }

  /**
   * Keeps a pending authorization.
   *
   * @param bound true when the caller binds it to its browser at once (the console sets the cookie); false when the
   *     first browser to open {@code /oauth/start/{id}} will be bound
   */
  public SignIn open(PendingAuthorization pending, boolean bound) throws ConnectorException {
    forgetOld();
    if (byId.size() >= MAX_KEPT) {
      throw new ConnectorException(ErrorCode.RATE_LIMITED, "the server holds " + MAX_KEPT + " sign-ins already; "
          + "an unfinished one expires after its time is up and is forgotten " + KEPT_AFTER_EXPIRY.toMinutes()
          + " minutes later");
    }
    SignIn signIn = new SignIn(random(), "patchbay_signin_" + random().substring(0, 12), random(), pending, bound);
    byId.put(signIn.id(), signIn);
    byState.put(pending.state(), signIn);
    return signIn;
  }

  public Optional<SignIn> find(String id) {
    forgetOld();
    return Optional.ofNullable(id == null ? null : byId.get(id));
  }

  /** The pending sign-in a callback's {@code state} belongs to. */
  public Optional<SignIn> pendingFor(String state) {
    forgetOld();
    return Optional.ofNullable(state == null ? null : byState.get(state));
  }

  /**
   * Finishes a sign-in with the provider's answer, once: the first caller gets to redeem the code; the state is
   * forgotten before that, so a replayed callback finds nothing.
   */
  public boolean claim(SignIn signIn) {
    return byState.remove(signIn.pending().state(), signIn);
  }

  /** Redeems the code and records the outcome. */
  public void complete(SignIn signIn, Connections connections, String code) {
    try {
      Connection made = connections.complete(signIn.pending(), code);
      signIn.connected(made, connections.supersededBy(made).stream().map(Connection::name).toList(),
          connections.outcome(made));
    } catch (ConnectorException e) {
      signIn.failed(e);
    }
  }

  public void refuse(SignIn signIn, Connections connections, String error, String description) {
    signIn.failed(connections.refusal(signIn.pending(), error, description));
  }

  /** Seconds left before the sign-in expires (at least 0). */
  public long secondsLeft(SignIn signIn) {
    return Math.max(0, Duration.between(clock.instant(), signIn.pending().expiresAt()).toSeconds());
  }

  public boolean expired(SignIn signIn) {
    return clock.instant().isAfter(signIn.pending().expiresAt());
  }

  private void forgetOld() {
    Instant now = clock.instant();
    for (Iterator<SignIn> it = byId.values().iterator(); it.hasNext(); ) {
      SignIn signIn = it.next();
      if (now.isAfter(signIn.pending().expiresAt())) {
        if (byState.remove(signIn.pending().state(), signIn)) {
          signIn.failed(new ConnectorException(ErrorCode.INVALID_INPUT, "nobody finished the sign-in before it "
              + "expired at " + signIn.pending().expiresAt() + "; start it again"));
        }
        if (now.isAfter(signIn.pending().expiresAt().plus(KEPT_AFTER_EXPIRY))) {
          it.remove();
        }
      }
    }
  }

  static String random() {
    byte[] bits = new byte[32];
    RANDOM.nextBytes(bits);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
  }
}
