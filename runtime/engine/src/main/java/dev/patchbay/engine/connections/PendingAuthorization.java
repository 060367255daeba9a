package dev.patchbay.engine.connections;

import dev.patchbay.engine.auth.AuthorizationRequest;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A sign-in begun by {@link Connections#beginAdd} or {@link Connections#beginReauthorize} and not yet finished: send
 * the user to {@link #authorizeUrl()}, then hand the provider's answer to {@link Connections#complete} or
 * {@link Connections#refusal}. It can be completed once, before {@link #expiresAt()}.
 */
public final class PendingAuthorization {

  private final ConnectionDraft draft;
  private final AuthorizationRequest request;
  private final Instant expiresAt;
  private final AtomicBoolean used = new AtomicBoolean();

  PendingAuthorization(ConnectionDraft draft, AuthorizationRequest request, Instant expiresAt) {
    this.draft = draft;
    this.request = request;
    this.expiresAt = expiresAt;
  }

  /** The provider's authorization page for this sign-in. */
  public String authorizeUrl() {
    return request.url();
  }

  /** The state sent to the provider: the key a callback is matched by. */
  public String state() {
    return request.state();
  }

  public String connectionName() {
    return draft.connection().name();
  }

  public String connectorId() {
    return draft.connection().connectorId();
  }

  /** True when this sign-in authorizes an existing connection again. */
  public boolean reauthorization() {
    return draft.existing() != null;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  ConnectionDraft draft() {
    return draft;
  }

  AuthorizationRequest request() {
    return request;
  }

  /** Marks this sign-in used; false when it was used before. */
  boolean use() {
    return used.compareAndSet(false, true);
  }

  @Override
  public String toString() {
    return "PendingAuthorization[" + connectorId() + ", " + connectionName() + ", expires " + expiresAt + "]";
  }
}
