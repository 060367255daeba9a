package dev.patchbay.engine.connections;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.ConfigurationException;
import dev.patchbay.engine.auth.AccessTokens;
import dev.patchbay.engine.auth.TokenEndpointException;
import dev.patchbay.engine.auth.TokenResponse;
import dev.patchbay.engine.definitions.ErrorMapping;
import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.store.StoreException;
import dev.patchbay.engine.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tokens of one connection, refreshed safely against a provider that rotates refresh tokens on every use:
 *
 * <ul>
 *   <li>one refresh at a time per connection, in this process (the store's in-process lock) and across processes
 *       (its file lock);
 *   <li>the store is re-read under the lock, and nothing is refreshed when another caller already did it;
 *   <li>the rotated refresh token is persisted before the new access token is handed out; when the store fails to
 *       persist it, the new tokens are kept in memory (the stored refresh token is spent) and stored at the next use,
 *       before anything else, and the caller gets the store's failure (R11);
 *   <li>a refresh request that may have reached the server is never replayed;
 *   <li>on {@code invalid_grant} the store is re-read once (another process may have rotated it); only then is the
 *       connection marked {@link ConnectionStatus#NEEDS_REAUTH}, with the reason in words. It is never deleted;
 *   <li>a store that fails is a {@link StoreUnavailableException}, never a reason to reconnect: the connection's
 *       status is left as it was.
 * </ul>
 */
final class ConnectionTokens implements AccessTokens {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionTokens.class);
  /** Refresh this long before expiry, so a token never expires between being handed out and being used. */
  static final Duration SKEW = Duration.ofSeconds(60);
  static final String REFRESH_RESPONSE_LOST = "refresh_response_lost: an earlier refresh reached the provider but its "
      + "answer was never stored (the process stopped between sending it and storing the answer), and the provider "
      + "has since rotated the refresh token; reconnect";

  /** The reason when the earlier refresh got no answer in time: the provider applied it all the same. */
  static String refreshUnanswered(String why) {
    return "refresh_response_lost: an earlier refresh request got no answer (" + why + "), but the provider applied "
        + "it and rotated the refresh token, so the one stored here is spent; reconnect";
  }

  private final String connectionId;
  private final StoredConnections store;
  private final TokenGrants grants;
  private final Clock clock;
  private volatile StoredConnection cached;
  /** Tokens the provider issued that the store failed to keep; written under the connection's lock only. */
  private volatile Unsaved unsaved;

  /**
   * A renewal's answer not stored yet.
   *
   * @param renewedFrom the refresh token it was renewed with, which the provider has spent
   */
  private record Unsaved(Secret renewedFrom, TokenResponse response, Instant receivedAt) {}

  ConnectionTokens(StoredConnection initial, StoredConnections store, TokenGrants grants, Clock clock) {
    this.connectionId = initial.id();
    this.cached = initial;
    this.store = store;
    this.grants = grants;
    this.clock = clock;
  }

  @Override
  public Secret current() throws ConnectorException {
    StoredConnection known = cached;
    requireActive(known);
    if (isFresh(known)) {
      return known.credentials().accessToken();
    }
    return renewUnlessDone(known.credentials().accessToken(), false);
  }

  @Override
  public Secret lastKnown() {
    return cached.credentials().accessToken();
  }

  @Override
  public Secret refreshAfterRejection(Secret rejected) throws ConnectorException {
    return renewUnlessDone(Objects.requireNonNull(rejected, "rejected"), true);
  }

  @Override
  public void revoked(String reason) {
    try {
      store.locked(connectionId, () -> {
        StoredConnection latest = store.read(connectionId);
        if (latest.connection().status() == ConnectionStatus.ACTIVE) {
          markNeedsReauth(latest, reason);
        }
        return null;
      });
    } catch (StoreException e) {
      // The activity fails with NEEDS_REAUTH anyway; the next call hears the same from the provider.
      LOG.warn("cannot mark connection {} as needing reauthorization: {}", connectionId, e.getMessage());
    }
  }

  private Secret renewUnlessDone(Secret seen, boolean rejected) throws ConnectorException {
    try {
      return store.locked(connectionId, () -> {
        StoredConnection latest = store.read(connectionId);
        if (unsaved != null) {
          latest = storeUnsaved(latest);
        }
        cached = latest;
        requireActive(latest);
        Secret latestToken = latest.credentials().accessToken();
        boolean replacedMeanwhile = !latestToken.equals(seen);
        if (isFresh(latest) && (replacedMeanwhile || !rejected)) {
          return latestToken;
        }
        return renew(latest);
      });
    } catch (StoreException e) {
      throw storeFailed("nothing was sent to the provider", e, false);
    }
  }

  /**
   * Stores the renewed tokens the store failed to keep, if any, as the process ends: the last chance before they are
   * lost with it. A store still failing is logged (the connection's id, never a token): it will need reconnecting.
   */
  void storeKeptTokens() {
    if (unsaved == null) {
      return;
    }
    try {
      store.locked(connectionId, () -> unsaved == null ? null : storeUnsaved(store.read(connectionId)));
    } catch (StoreException e) {
      LOG.error("connection {}: the renewed tokens the store failed to keep are lost as this process ends ({}); the "
          + "refresh token it holds is spent, so the connection will need reconnecting", connectionId, e.getMessage());
    }
  }

  /**
   * Stores the tokens a renewal got that the store failed to keep, unless the store moved on meanwhile (the
   * connection reconnected, or marked by another process): then what it holds wins. Runs under the connection's lock.
   *
   * @return the connection as stored now
   */
  private StoredConnection storeUnsaved(StoredConnection latest) throws StoreException {
    Unsaved pending = unsaved;
    if (latest.connection().status() != ConnectionStatus.ACTIVE
        || !Objects.equals(latest.credentials().refreshToken(), pending.renewedFrom())) {
      LOG.warn("connection {} changed in the store since its renewed tokens could not be stored; they are dropped",
          connectionId);
      unsaved = null;
      return latest;
    }
    StoredConnection updated = renewed(latest, pending.response(), pending.receivedAt());
    store.write(updated);
    unsaved = null;
    LOG.info("connection {}: the renewed tokens the store had failed to keep are stored now", connectionId);
    clearJournal();
    return updated;
  }

  /** Runs under the connection's lock. */
  private Secret renew(StoredConnection latest) throws ConnectorException, StoreException {
    boolean earlierAnswerLost = store.refreshWasInFlight(connectionId);
    Optional<String> earlierUnanswered = store.unansweredRefresh(connectionId);
    store.markRefreshInFlight(connectionId);
    TokenResponse response;
    try {
      response = grants.renew(latest);
    } catch (TokenEndpointException e) {
      try {
        return handleRefusal(latest, e, !earlierAnswerLost ? null
            : earlierUnanswered.map(ConnectionTokens::refreshUnanswered).orElse(REFRESH_RESPONSE_LOST));
      } catch (StoreException storeFailure) {
        throw storeFailed(e.httpStatus() == 0 ? "the renewal got no answer (" + e.getMessage() + "): the provider "
            + "may have renewed the tokens" : "the provider refused to renew the tokens (" + e.getMessage() + ")",
            storeFailure, true);
      }
    } catch (TokenGrants.RenewalImpossible e) {
      // Nothing was sent: a pasted secret the provider rejected, or a token without a refresh token.
      store.clearRefreshInFlight(connectionId);
      markNeedsReauth(latest, e.getMessage());
      throw new ConnectorException(ErrorCode.NEEDS_REAUTH, "connection '" + latest.connection().name()
          + "' needs to be reconnected: " + e.getMessage());
    }
    Instant now = clock.instant();
    StoredConnection updated = renewed(latest, response, now);
    // Persist first: if this process dies now, the rotated refresh token is already safe on disk.
    try {
      store.write(updated);
    } catch (StoreException e) {
      Secret spent = latest.credentials().refreshToken();
      if (response.refreshToken() != null && !response.refreshToken().equals(spent)) {
        // The provider rotated the stored refresh token: the new one lives only here until the store takes it.
        unsaved = new Unsaved(spent, response, now);
        LOG.error("connection {}: the provider renewed its tokens but the store failed to keep them ({}); they are "
            + "kept in memory until the store takes them", connectionId, e.getMessage());
      }
      throw storeFailed("the provider renewed the tokens", e, true);
    }
    cached = updated;
    clearJournal();
    return updated.credentials().accessToken();
  }

  private static StoredConnection renewed(StoredConnection latest, TokenResponse response, Instant receivedAt) {
    Connection refreshed = latest.connection().refreshed(response.scopes(), receivedAt);
    return new StoredConnection(refreshed, latest.credentials().rotated(
        response.accessToken(), response.expiresAt(), response.refreshToken()));
  }

  /**
   * Clears the refresh journal once the renewed tokens are stored. A failure costs nothing but a reason: the next
   * renewal journals afresh, and only a refused one would read the stale mark as an earlier answer lost.
   */
  private void clearJournal() {
    try {
      store.clearRefreshInFlight(connectionId);
    } catch (StoreException e) {
      LOG.warn("connection {}: the renewed tokens are stored, but the refresh journal could not be cleared: {}",
          connectionId, e.getMessage());
    }
  }

  /**
   * The store failed during a renewal: a store failure, never a reason to reconnect; the connection's status is left
   * as it was. Says what happened at the provider, and where the renewed tokens are when the store did not take
   * them.
   *
   * @param requestSent whether a token request left: then an outage of the store is not passed on as one, since a
   *     caller that runs the same call again on an outage (a Temporal step) could send it again
   */
  private StoreUnavailableException storeFailed(String atTheProvider, StoreException e, boolean requestSent) {
    String name = cached.connection().name();
    String tokens = unsaved == null ? " The connection was left as it was; try again once the store works."
        : " The refresh token the store holds is spent: the new tokens are kept in this process's memory and stored "
            + "at the connection's next use in it, before anything else, or as the process ends; if the store still "
            + "fails then, the connection will need reconnecting.";
    return new StoreUnavailableException("the store failed while renewing the access token of connection '" + name
        + "' (" + atTheProvider + "): " + e.getMessage().replaceFirst("\\.$", "") + "." + tokens,
        requestSent ? new StoreException(e.getMessage()) : e);
  }

  /** @param earlierAnswerLost why an earlier refresh's answer was lost, or null when none was */
  private Secret handleRefusal(StoredConnection latest, TokenEndpointException e, String earlierAnswerLost)
      throws ConnectorException, StoreException {
    if (e.httpStatus() != 0 || !e.mayHaveReachedServer()) {
      // An answer came (or the request never left): nothing is in flight any more.
      store.clearRefreshInFlight(connectionId);
    } else {
      // No answer, but the provider may have applied it (maybe rotated the token): the journal stays, saying so.
      store.noteRefreshUnanswered(connectionId, e.getMessage());
    }
    if (e.isInvalidGrant()) {
      StoredConnection again = store.read(connectionId);
      if (!Objects.equals(again.credentials().refreshToken(), latest.credentials().refreshToken())
          && isFresh(again)) {
        cached = again;
        return again.credentials().accessToken();
      }
      String reason = earlierAnswerLost != null ? earlierAnswerLost : reasonFor(latest.connection(), e);
      markNeedsReauth(latest, reason);
      throw new ConnectorException(ErrorCode.NEEDS_REAUTH, "connection '" + latest.connection().name()
          + "' needs to be reconnected: " + reason, e.error(), e.reason(), null);
    }
    boolean clientRefused = e.httpStatus() == 401 || grants.authType(latest.connection()).refusesClient(e.error());
    if (clientRefused && !grants.clientIsTheConnections(latest.connection())) {
      // The operator's app was refused (a rotated or mistyped client secret): the user's authorization is intact
      // and works again once the operator fixes the app, so the connection is not marked.
      throw new ConfigurationException("could not renew the access token of connection '"
          + latest.connection().name() + "': the provider refused " + grants.clientSource(latest.connection())
          + ": " + e.getMessage() + ". The connection was left as it is; fix the app's client ID and secret.",
          e.error(), e.reason());
    }
    if (clientRefused) {
      String reason = reasonFor(latest.connection(), e);
      markNeedsReauth(latest, reason);
      throw new ConnectorException(ErrorCode.NEEDS_REAUTH, "connection '" + latest.connection().name()
          + "' needs to be reconnected: " + reason, e.error(), e.reason(), null);
    }
    LOG.debug("token renewal for {} failed: {}", connectionId, e.getMessage());
    throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, "could not renew the access token of connection '"
        + latest.connection().name() + "': " + e.getMessage()
        + (e.mayHaveReachedServer() ? "; not retried, since the request may have reached the provider: if it did, "
            + "the provider rotated the refresh token and the connection will need reconnecting" : ""),
        e.error(), e.reason(), null);
  }

  private String reasonFor(Connection connection, TokenEndpointException e) {
    String providerCode = e.error() != null ? e.error() : String.valueOf(e.httpStatus());
    try {
      return grants.entry(connection).definition().errorFor(providerCode, e.httpStatus(), e.reason())
          .map(ErrorMapping::remediation)
          .orElse("the provider refused to renew the token (" + e.getMessage() + ")");
    } catch (ConnectorException missingConnector) {
      return "the provider refused to renew the token (" + e.getMessage() + ")";
    }
  }

  private void markNeedsReauth(StoredConnection latest, String reason) throws StoreException {
    StoredConnection marked = latest.with(latest.connection().withStatus(ConnectionStatus.NEEDS_REAUTH, reason));
    store.write(marked);
    cached = marked;
  }

  private static void requireActive(StoredConnection stored) throws ConnectorException {
    Connection connection = stored.connection();
    if (connection.status() == ConnectionStatus.NEEDS_REAUTH) {
      throw new ConnectorException(ErrorCode.NEEDS_REAUTH, "connection '" + connection.name()
          + "' needs to be reconnected (patchbay connections reauth " + connection.name() + "): "
          + connection.statusReason());
    }
  }

  /** Usable for at least {@link #SKEW} more; a token whose whole lifetime is shorter counts until it expires. */
  private boolean isFresh(StoredConnection stored) {
    Instant expiresAt = stored.credentials().accessTokenExpiresAt();
    if (expiresAt == null) {
      return true;
    }
    Instant now = clock.instant();
    Instant refreshedAt = stored.connection().refreshedAt();
    Duration lifetime = refreshedAt == null ? SKEW.plusSeconds(1) : Duration.between(refreshedAt, expiresAt);
    Duration skew = lifetime.compareTo(SKEW) <= 0 ? Duration.ZERO : SKEW;
    return now.isBefore(expiresAt.minus(skew));
  }
}
