package dev.patchbay.engine.activities;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.auth.AccessTokens;
import dev.patchbay.engine.secrets.Secret;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands out scripted tokens: the first as the current one, the next one per refresh. A refresh beyond the script
 * fails with NEEDS_REAUTH, as a revoked authorization would, or with the failure a test set.
 */
final class FakeAccessTokens implements AccessTokens {

  private final List<String> script;
  private final List<String> rejected = new ArrayList<>();
  private int current;
  private ConnectorException refreshFailure;
  private String lastKnown;

  FakeAccessTokens(String... tokens) {
    this.script = List.of(tokens);
  }

  @Override
  public synchronized Secret current() {
    return Secret.of(script.get(current));
  }

  /** The current token, as the real tokens know it without reading anything, unless {@link #lastKnownIs} said. */
  @Override
  public synchronized Secret lastKnown() {
    return Secret.of(lastKnown != null ? lastKnown : script.get(current));
  }

  /** From now on {@link #lastKnown} is {@code token}: one replaced since it was last read. */
  synchronized void lastKnownIs(String token) {
    lastKnown = token;
  }

  @Override
  public synchronized Secret refreshAfterRejection(Secret token) throws ConnectorException {
    rejected.add(token.reveal());
    if (refreshFailure != null) {
      throw refreshFailure;
    }
    if (current + 1 >= script.size()) {
      throw new ConnectorException(ErrorCode.NEEDS_REAUTH,
          "The refresh token was rejected (invalid_grant); reconnect the connection.");
    }
    current++;
    return Secret.of(script.get(current));
  }

  /** Every refresh fails with {@code failure}. */
  synchronized void failRefreshWith(ConnectorException failure) {
    refreshFailure = failure;
  }

  /** The tokens reported as rejected, in order; one per refresh. */
  synchronized List<String> rejected() {
    return List.copyOf(rejected);
  }
}
