package dev.patchbay.engine.connections;

import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.ConfigurationException;
import dev.patchbay.engine.auth.AccessTokens;
import dev.patchbay.engine.auth.AuthorizationCodeFlow;
import dev.patchbay.engine.auth.AuthorizationRefusedException;
import dev.patchbay.engine.auth.AuthorizationRequest;
import dev.patchbay.engine.auth.Browser;
import dev.patchbay.engine.auth.OperatorApps;
import dev.patchbay.engine.auth.TokenEndpoint;
import dev.patchbay.engine.auth.TokenEndpointException;
import dev.patchbay.engine.auth.TokenResponse;
import dev.patchbay.engine.activities.ratelimit.RateLimit;
import dev.patchbay.engine.activities.ratelimit.RateLimitCategories;
import dev.patchbay.engine.catalog.Catalog;
import dev.patchbay.engine.catalog.CatalogEntry;
import dev.patchbay.engine.definitions.AuthTypeDefinition;
import dev.patchbay.engine.definitions.ConnectorDefinition;
import dev.patchbay.engine.definitions.ErrorMapping;
import dev.patchbay.engine.definitions.FieldDefinition;
import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.workflows.check.Suggestions;
import dev.patchbay.engine.store.MasterKey;
import dev.patchbay.engine.store.StoreException;
import dev.patchbay.engine.store.StoreOutageException;
import dev.patchbay.engine.store.StoreUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Connections, as the Java API and the CLI use them: connect (every auth type of a definition), list, find,
 * reauthorize, remove, and the {@link AccessTokens} an activity runs with.
 */
public final class Connections {

  private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");

  private final StoredConnections store;
  private final Catalog catalog;
  private final TokenGrants grants;
  private final TokenEndpoint tokenEndpoint;
  private final AuthorizationCodeFlow authorizationCodeFlow;
  private final IdentityLookup identityLookup;
  private final Clock clock;
  private final ConcurrentHashMap<String, ConnectionTokens> tokens = new ConcurrentHashMap<>();

  public Connections(StoredConnections store, Catalog catalog, OperatorApps operatorApps, TokenEndpoint tokenEndpoint,
      AuthorizationCodeFlow authorizationCodeFlow, IdentityLookup identityLookup, Clock clock) {
    this.store = store;
    this.catalog = catalog;
    this.grants = new TokenGrants(catalog, operatorApps, tokenEndpoint);
    this.tokenEndpoint = tokenEndpoint;
    this.authorizationCodeFlow = authorizationCodeFlow;
    this.identityLookup = identityLookup;
    this.clock = clock;
  }

  /** Every connection the store can open, and a line for each file it cannot. */
  public ConnectionStore.Listing list() {
    return store.list();
  }

  public Connection get(String name) throws ConnectorException {
    try {
      return store.describe(name).orElseThrow(() -> noSuchConnection(name));
    } catch (StoreOutageException e) {
      throw lookupFailed(name, e);
    }
  }

  /**
   * The store failed the lookup: the connection may well exist, and nothing was done with it. A store failure like
   * any other (the CLI's store exit code), and an outage, so a caller may run the same call again.
   */
  private static StoreUnavailableException lookupFailed(String name, StoreOutageException e) {
    return new StoreUnavailableException("cannot look up connection '" + name + "': " + e.getMessage(), e);
  }

  /**
   * Connects: authorizes with the auth type's grant (showing the provider's page in {@code browser} and receiving
   * the answer on a loopback redirect, for the authorization code flow), asks the provider who the connection acts
   * as, and stores it encrypted.
   */
  public Connection add(NewConnection request, Browser browser) throws ConnectorException, InterruptedException {
    return authorizeAndFinish(draft(request), browser);
  }

  /**
   * Begins connecting through a sign-in whose answer arrives elsewhere (a server's callback route): checks the
   * request as {@link #add} does and returns the pending sign-in. Only for auth types with a sign-in page;
   * {@link #needsSignIn} tells.
   *
   * @param redirectUri where the provider sends the answer; it must be registered with the provider's app
   */
  public PendingAuthorization beginAdd(NewConnection request, String redirectUri) throws ConnectorException {
    return begin(draft(request), redirectUri);
  }

  /** Begins authorizing an existing connection again through a sign-in whose answer arrives elsewhere. */
  public PendingAuthorization beginReauthorize(String name, String redirectUri) throws ConnectorException {
    return begin(reauthorizationDraft(name), redirectUri);
  }

  /**
   * Finishes a pending sign-in with the code the provider sent back: redeems it, identifies the user, stores the
   * connection. A pending sign-in is completed at most once and only before it expires.
   */
  public Connection complete(PendingAuthorization pending, String code) throws ConnectorException {
    if (!pending.use()) {
      throw new ConnectorException(ErrorCode.INVALID_INPUT, "this sign-in was finished already; start a new one");
    }
    if (clock.instant().isAfter(pending.expiresAt())) {
      throw new ConnectorException(ErrorCode.INVALID_INPUT, "the sign-in took longer than "
          + inWords(authorizationCodeFlow.timeout()) + " and expired; start it again");
    }
    if (code == null || code.isBlank()) {
      throw new ConnectorException(ErrorCode.INVALID_INPUT, "the provider's answer carries no authorization code");
    }
    ConnectionDraft draft = pending.draft();
    TokenResponse response;
    try {
      response = pending.request().redeem(tokenEndpoint, draft.connection().tokenUrl(), draft.client().clientId(),
          draft.client().clientSecret(), code);
    } catch (TokenEndpointException e) {
      throw connectRefusal(draft, e);
    }
    return finish(draft, response);
  }

  /**
   * The error for a sign-in the provider refused ({@code error=} on the callback), with the definition's
   * remediation: an app the account admin has not pre-approved, denied consent. Ends the pending sign-in.
   */
  public ConnectorException refusal(PendingAuthorization pending, String error, String description) {
    pending.use();
    return refusal(pending.draft().definition(), AuthorizationRefusedException.fromCallback(error, description));
  }

  /** An auth type of a connector in the catalog; INVALID_INPUT naming what exists when there is no such one. */
  public AuthTypeDefinition authType(String connectorId, String authTypeId) throws ConnectorException {
    return definedAuthType(connectorId, authTypeId).authType();
  }

  /** Whether the auth type signs in on the provider's page (authorization code), as opposed to needing none. */
  public boolean needsSignIn(String connectorId, String authTypeId) throws ConnectorException {
    return authType(connectorId, authTypeId).kind() == AuthTypeDefinition.Kind.OAUTH2_AUTHORIZATION_CODE;
  }

  /** Authorizes an existing connection again (after NEEDS_REAUTH), keeping its name, fields and id. */
  public Connection reauthorize(String name, Browser browser) throws ConnectorException, InterruptedException {
    return authorizeAndFinish(reauthorizationDraft(name), browser);
  }

  /**
   * Removes a connection: revokes its token at the provider when the provider has a revocation endpoint (a failure
   * there is reported, not fatal), then deletes the record. Both happen under the connection's lock, so a refresh in
   * this or another process either finished before (and the token it stored is the one revoked) or finds the
   * connection gone: a removed connection never comes back.
   *
   * @return what happened at the provider, in words
   */
  public String remove(String name) throws ConnectorException {
    String id = stored(name).id();
    String revocation;
    try {
      revocation = store.locked(id, () -> {
        StoredConnection latest = store.read(id);
        String revoked = revoke(latest);
        store.delete(id);
        return revoked;
      });
    } catch (StoreException e) {
      throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, e.getMessage(), e);
    }
    tokens.remove(id);
    return revocation;
  }

  private String revoke(StoredConnection stored) {
    Connection connection = stored.connection();
    if (connection.revokeUrl() == null || stored.credentials().accessToken() == null) {
      return "the provider has no revocation endpoint; the authorization stays until it expires or the user "
          + "removes the app";
    }
    try {
      OperatorApps.App client = grants.client(connection, stored.credentials().clientSecret());
      Secret token = stored.credentials().refreshToken() != null
          ? stored.credentials().refreshToken() : stored.credentials().accessToken();
      tokenEndpoint.revoke(connection.revokeUrl(), client.clientId(), client.clientSecret(), token);
      return "revoked at the provider";
    } catch (TokenEndpointException | ConnectorException e) {
      return "could not revoke at the provider (" + e.getMessage() + "); removed here anyway";
    }
  }

  /**
   * Checks a stored connection still works: asks the provider who it acts as, with its real tokens (refreshing
   * them when due).
   */
  public ConnectionIdentity test(String name) throws ConnectorException {
    Connection connection = get(name);
    return identityLookup.identify(connection, tokens(connection));
  }

  /** The tokens of a connection; one instance per connection in this runtime, so refreshes are single-flight. */
  public AccessTokens tokens(Connection connection) throws ConnectorException {
    ConnectionTokens existing = tokens.get(connection.id());
    if (existing != null) {
      return existing;
    }
    StoredConnection stored;
    try {
      stored = store.read(connection.id());
    } catch (StoreException e) {
      throw new StoreUnavailableException("cannot read connection '" + connection.name() + "' from the store: "
          + e.getMessage(), e);
    }
    return tokens.computeIfAbsent(connection.id(), id -> new ConnectionTokens(stored, store, grants, clock));
  }

  /**
   * Sets the connection's own rate limits, per category of its connector (an empty map: the connector's limits
   * again). Checked against the definition first: a category it does not declare changes nothing.
   */
  public Connection setRateLimits(String name, Map<String, RateLimit> limits) throws ConnectorException {
    String id = stored(name).id();
    Connection current = get(name);
    CatalogEntry entry = catalog.connector(current.connectorId()).orElseThrow(() -> new ConnectorException(
        ErrorCode.INVALID_INPUT, "connection '" + name + "' is a " + current.connectorId() + " connection, and no "
            + current.connectorId() + " connector is loaded to check its rate-limit categories against"));
    Optional<String> unknown = RateLimitCategories.unknown(entry.definition(), limits);
    if (unknown.isPresent()) {
      throw new ConnectorException(ErrorCode.INVALID_INPUT, unknown.get() + "; nothing was changed");
    }
    try {
      return store.locked(id, () -> {
        StoredConnection latest = store.read(id);
        StoredConnection changed = latest.with(latest.connection().withRateLimits(limits));
        store.write(changed);
        return changed.connection();
      });
    } catch (StoreException e) {
      throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, e.getMessage(), e);
    }
  }

  /** The connection as stored now (status changes made by token refreshes included). */
  public Connection reload(Connection connection) throws ConnectorException {
    try {
      return store.read(connection.id()).connection();
    } catch (StoreException e) {
      throw new ConnectorException(ErrorCode.NOT_FOUND, e.getMessage(), e);
    }
  }

  private record DefinedAuthType(ConnectorDefinition definition, AuthTypeDefinition authType) {}

  private DefinedAuthType definedAuthType(String connectorId, String authTypeId) throws ConnectorException {
    CatalogEntry entry = catalog.connector(connectorId).orElseThrow(() -> new ConnectorException(
        ErrorCode.INVALID_INPUT, "no connector '" + connectorId + "' in the catalog"));
    ConnectorDefinition definition = entry.definition();
    AuthTypeDefinition authType = definition.authType(authTypeId).orElseThrow(() -> new ConnectorException(
        ErrorCode.INVALID_INPUT, "connector " + definition.id() + " has no auth type '" + authTypeId
            + "'; it has " + definition.authTypes().stream().map(AuthTypeDefinition::id).toList()));
    return new DefinedAuthType(definition, authType);
  }

  /** Checks a new connection (name, connector, auth type, fields, one authorization per user and app). */
  private ConnectionDraft draft(NewConnection request) throws ConnectorException {
    if (!NAME.matcher(request.name()).matches()) {
      throw new ConnectorException(ErrorCode.INVALID_INPUT, "connection name '" + request.name()
          + "' must be letters, digits, '.', '_' or '-', starting with a letter or digit (at most 64)");
    }
    requireFreeName(request.name());
    DefinedAuthType defined = definedAuthType(request.connectorId(), request.authTypeId());
    ConnectorDefinition definition = defined.definition();
    AuthTypeDefinition authType = defined.authType();
    AuthFields.check(authType, request.fields(), request.secretFields());
    List<String> scopes = RequestedScopes.of(definition, authType, request.scopes());

    Connection connection = new Connection(UUID.randomUUID().toString(), request.name(), definition.id(),
        authType.id(), Set.of(), null, orDefault(request.baseUrl(), definition.baseUrl()),
        orDefault(request.authorizeUrl(), authType.authorizeUrl()), orDefault(request.tokenUrl(), authType.tokenUrl()),
        revokeUrl(request, authType), request.fields(), ConnectionStatus.ACTIVE, null, clock.instant(), null);
    if (!authType.kind().isOAuth()) {
      return new ConnectionDraft(definition, authType, connection, null, null, request.baseUrl(), null,
          PastedCredentials.of(authType, request.fields(), request.secretFields()), scopes);
    }
    Secret clientSecret = request.secretFields().get("clientSecret");
    // Who signs in is known only after the sign-in: another connection of the same user and app is dealt with then.
    OperatorApps.App client = grants.client(connection, clientSecret);
    return new ConnectionDraft(definition, authType, connection, client, clientSecret, request.baseUrl(), null,
        null, scopes);
  }

  private ConnectionDraft reauthorizationDraft(String name) throws ConnectorException {
    StoredConnection stored = stored(name);
    Connection connection = stored.connection();
    CatalogEntry entry = grants.entry(connection);
    AuthTypeDefinition authType = grants.authType(connection);
    if (!authType.kind().isOAuth()) {
      throw new ConnectorException(ErrorCode.INVALID_INPUT, "connection '" + name + "' uses a pasted "
          + authType.secretField() + " (" + authType.kind().wireName() + "): reconnect it by entering the new one "
          + "(patchbay connections reauth " + name + " asks for it)");
    }
    return new ConnectionDraft(entry.definition(), authType, connection,
        grants.client(connection, stored.credentials().clientSecret()), stored.credentials().clientSecret(), null,
        stored, null, RequestedScopes.again(entry.definition(), authType, connection.grantedScopes()));
  }

  /**
   * Replaces the pasted secret of a connection (a rotated API key or token) and checks it with the provider: the
   * connection keeps its name, id and fields and is active again.
   */
  public Connection replaceSecret(String name, Secret secret) throws ConnectorException {
    StoredConnection stored = stored(name);
    Connection connection = stored.connection();
    CatalogEntry entry = grants.entry(connection);
    AuthTypeDefinition authType = grants.authType(connection);
    if (authType.kind().isOAuth()) {
      throw new ConnectorException(ErrorCode.INVALID_INPUT, "connection '" + name + "' signs in with "
          + authType.kind().wireName() + "; it has no pasted secret to replace (reauthorize it instead)");
    }
    TokenResponse pasted = PastedCredentials.of(authType, connection.publicFields(),
        Map.of(authType.secretField(), secret));
    return finish(new ConnectionDraft(entry.definition(), authType, connection, null, null, null, stored, pasted,
        List.of()), pasted);
  }

  /** Whether a connection's auth type takes a pasted secret (api-key, bearer-token, basic), so reauth asks for it. */
  public Optional<FieldDefinition> pastedSecret(String name) throws ConnectorException {
    Connection connection = get(name);
    AuthTypeDefinition authType = grants.authType(connection);
    if (authType.kind().isOAuth()) {
      return Optional.empty();
    }
    return authType.fieldList().stream().filter(FieldDefinition::secret).findFirst();
  }

  private PendingAuthorization begin(ConnectionDraft draft, String redirectUri) throws ConnectorException {
    if (draft.authType().kind() != AuthTypeDefinition.Kind.OAUTH2_AUTHORIZATION_CODE) {
      throw new ConnectorException(ErrorCode.INVALID_INPUT, "auth type '" + draft.authType().id() + "' of "
          + draft.definition().name() + " has no sign-in page; connect it directly");
    }
    AuthorizationRequest request;
    try {
      request = AuthorizationRequest.create(draft.connection().authorizeUrl(), draft.client().clientId(),
          redirectUri, AuthorizationRequest.newState(), RequestedScopes.options(draft.authType(), draft.scopes()));
    } catch (IllegalArgumentException e) {
      throw new ConnectorException(ErrorCode.INVALID_INPUT, e.getMessage());
    }
    return new PendingAuthorization(draft, request, clock.instant().plus(authorizationCodeFlow.timeout()));
  }

  /** Authorizes a draft with its auth type's grant and stores it. */
  private Connection authorizeAndFinish(ConnectionDraft draft, Browser browser)
      throws ConnectorException, InterruptedException {
    if (draft.pasted() != null) {
      return finish(draft, draft.pasted());
    }
    if (draft.authType().kind() == AuthTypeDefinition.Kind.OAUTH2_AUTHORIZATION_CODE) {
      return signIn(draft, browser);
    }
    try {
      return finish(draft, grants.clientCredentials(draft.connection(), draft.client()));
    } catch (TokenEndpointException e) {
      throw connectRefusal(draft, e);
    }
  }

  /**
   * The authorization code flow on the loopback: the browser that brings the answer back is shown the real outcome
   * (connected, or the error in words) once the code is redeemed and the connection stored.
   */
  private Connection signIn(ConnectionDraft draft, Browser browser) throws ConnectorException, InterruptedException {
    Connection connection = draft.connection();
    try (AuthorizationCodeFlow.SignIn signIn = authorizationCodeFlow.begin(connection.authorizeUrl(),
        draft.client().clientId(), RequestedScopes.options(draft.authType(), draft.scopes()))) {
      browser.open(signIn.url());
      try {
        Connection made = finish(draft, redeem(signIn, draft));
        signIn.answer(true, outcome(made));
        return made;
      } catch (ConnectorException e) {
        // In the terminal's words: the family it names and exits with (a wrong client secret is configuration).
        signIn.answer(false, dev.patchbay.engine.activities.FailureDetails.family(e) + ": " + e.getMessage());
        throw e;
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, "the sign-in could not start: " + e.getMessage(), e);
    }
  }

  private TokenResponse redeem(AuthorizationCodeFlow.SignIn signIn, ConnectionDraft draft)
      throws ConnectorException, InterruptedException {
    Connection connection = draft.connection();
    try {
      return signIn.redeem(connection.tokenUrl(), draft.client().clientId(), draft.client().clientSecret());
    } catch (AuthorizationRefusedException e) {
      throw refusal(draft.definition(), e);
    } catch (TokenEndpointException e) {
      throw connectRefusal(draft, e);
    }
  }

  /**
   * The token endpoint's refusal while connecting. A refused client ({@code invalid_client}, or a code the auth
   * type's clientRefusedErrors names: a wrong client ID or secret) is the configuration's to fix, the app's credentials, and the error says where they come from; nothing
   * would come of reconnecting.
   */
  private ConnectorException connectRefusal(ConnectionDraft draft, TokenEndpointException e)
      throws ConnectorException {
    ConnectorException refusal = refusal(draft.definition(), e);
    if (!draft.authType().refusesClient(e.error())) {
      return refusal;
    }
    return new ConfigurationException(refusal.getMessage() + " Fix " + grants.clientSource(draft.connection())
        + ".");
  }

  /**
   * Stores the renewed tokens a failing store could not keep, as the runtime closes: kept in memory until the next use,
   * they would otherwise end with the process while the store holds a spent refresh token.
   */
  public void storeKeptTokens() {
    tokens.values().forEach(ConnectionTokens::storeKeptTokens);
  }

  /**
   * A connection just made, in words: what it is, whom it acts as, and the other connections whose authorization
   * the provider revoked when this one was granted (an auth type's oneAuthorizationPerUser: Zoom's).
   */
  public String outcome(Connection made) throws ConnectorException {
    StringBuilder text = new StringBuilder("Connection '").append(made.name()).append("' (")
        .append(made.connectorId()).append(", ").append(made.authTypeId()).append(") is ")
        .append(made.status().name()).append(made.identity() == null ? "" : " and acts as "
            + made.identity().inWords()).append('.');
    List<Connection> superseded = supersededBy(made);
    if (!superseded.isEmpty()) {
      String names = String.join("', '", superseded.stream().map(Connection::name).toList());
      text.append(" Signing in as the same user with the same app revoked the authorization of '").append(names)
          .append("' at the provider, which keeps one live authorization per user and app: ")
          .append(superseded.size() == 1 ? "it is" : "they are").append(" now NEEDS_REAUTH (reconnect ")
          .append(superseded.size() == 1 ? "it" : "them")
          .append(" as another user, or remove ").append(superseded.size() == 1 ? "it" : "them").append(").");
    }
    return text.toString();
  }

  /** The connections marked NEEDS_REAUTH because {@code made}'s authorization superseded theirs. */
  public List<Connection> supersededBy(Connection made) throws ConnectorException {
    String reason = supersededReason(made.name(), definitionName(made));
    List<Connection> superseded = new ArrayList<>();
    for (StoredConnection stored : store.list().connections()) {
      Connection c = stored.connection();
      if (c.status() == ConnectionStatus.NEEDS_REAUTH && reason.equals(c.statusReason())) {
        superseded.add(c);
      }
    }
    return superseded;
  }

  private String definitionName(Connection connection) throws ConnectorException {
    return grants.entry(connection).definition().name();
  }

  private static String supersededReason(String newer, String providerName) {
    return "superseded: connection '" + newer + "' authorized the same " + providerName
        + " user and app, which revoked this one";
  }

  /**
   * Stores an authorized draft: a new connection, or an existing one with new tokens. Where the auth type says the
   * provider keeps one authorization per user and app, other connections of the same user and app are marked
   * NEEDS_REAUTH: the provider revoked their authorization when this one was granted.
   */
  private Connection finish(ConnectionDraft draft, TokenResponse response) throws ConnectorException {
    Connection connection = draft.connection();
    StoredConnection authorized;
    AuthTypeDefinition authType = draft.authType();
    List<StoredConnection> sameApp = authType.oneAuthorizationPerUser()
        ? activeWithClient(draft.definition().id(), draft.client().clientId()) : List.of();
    if (draft.existing() == null) {
      requireFreeName(connection.name());
      String served = authType.baseUrlField() == null ? null : response.urlFields().get(authType.baseUrlField());
      Connection renewed = new Connection(connection.id(), connection.name(), connection.connectorId(),
          connection.authTypeId(), response.scopes(), null,
          regional(draft.baseUrlOverride(), served, draft.definition().baseUrl()),
          connection.authorizeUrl(), connection.tokenUrl(), connection.revokeUrl(), connection.publicFields(),
          ConnectionStatus.ACTIVE, null, connection.createdAt(), clock.instant());
      authorized = new StoredConnection(renewed, new Credentials(draft.clientSecret(), response.accessToken(),
          response.expiresAt(), response.refreshToken(), 1));
    } else {
      authorized = new StoredConnection(connection.refreshed(response.scopes(), clock.instant()),
          new Credentials(draft.clientSecret(), response.accessToken(), response.expiresAt(), response.refreshToken(),
              draft.existing().credentials().generation() + 1));
      tokens.remove(connection.id());
    }
    ConnectionIdentity identity = identityLookup.identify(authorized.connection(), fixedTokens(authorized));
    Connection identified = withIdentity(authorized.connection(), identity);
    if (identity.grantedScopes() != null) {
      // The auth type reads its scopes from the identify call's answer (GitHub's X-OAuth-Scopes).
      identified = identified.refreshed(identity.grantedScopes(), identified.refreshedAt());
    }
    write(authorized.with(identified));
    for (StoredConnection older : sameApp) {
      if (!older.connection().id().equals(identified.id()) && sameUser(older.connection().identity(), identity)) {
        write(older.with(older.connection().withStatus(ConnectionStatus.NEEDS_REAUTH,
            supersededReason(identified.name(), draft.definition().name()))));
        tokens.remove(older.connection().id());
      }
    }
    return identified;
  }

  private void requireFreeName(String name) throws ConnectorException {
    boolean taken;
    try {
      taken = store.findByName(name).isPresent();
    } catch (StoreOutageException e) {
      throw lookupFailed(name, e);
    }
    if (taken) {
      throw new ConnectorException(ErrorCode.INVALID_INPUT, "a connection named '" + name
          + "' exists already; choose another name, or reconnect it with patchbay connections reauth " + name);
    }
  }

  private static ConnectorException refusal(ConnectorDefinition definition, AuthorizationRefusedException e) {
    return refusal(definition, e.error(), 0, e.getMessage(), e.getMessage());
  }

  private static ConnectorException refusal(ConnectorDefinition definition, TokenEndpointException e) {
    return refusal(definition, e.error() != null ? e.error() : String.valueOf(e.httpStatus()), e.httpStatus(),
        e.reason(), e.getMessage());
  }

  private static ConnectorException refusal(ConnectorDefinition definition, String providerCode, int status,
      String providerMessage, String message) {
    Optional<ErrorMapping> mapping = definition.errorFor(providerCode, status, providerMessage);
    ErrorCode code = mapping.map(ErrorMapping::code).orElse(ErrorCode.PERMISSION_DENIED);
    String remediation = mapping.map(m -> " " + m.remediation()).orElse("");
    return new ConnectorException(code, "could not connect: " + message + "." + remediation, providerCode,
        providerMessage, null);
  }

  private List<StoredConnection> activeWithClient(String connectorId, String clientId) throws ConnectorException {
    List<StoredConnection> same = new ArrayList<>();
    for (StoredConnection stored : store.list().connections()) {
      Connection c = stored.connection();
      if (!c.connectorId().equals(connectorId) || c.status() != ConnectionStatus.ACTIVE) {
        continue;
      }
      AuthTypeDefinition type = grants.authType(c);
      if (type.kind() == AuthTypeDefinition.Kind.OAUTH2_AUTHORIZATION_CODE
          && clientId.equals(grants.client(c, stored.credentials().clientSecret()).clientId())) {
        same.add(stored);
      }
    }
    return same;
  }

  private StoredConnection stored(String name) throws ConnectorException {
    try {
      return store.findByName(name).orElseThrow(() -> noSuchConnection(name));
    } catch (StoreOutageException e) {
      throw lookupFailed(name, e);
    }
  }

  /**
   * Not found, unless connections exist that the current master key cannot open: then the name may well be among
   * them, and the error says so rather than send the user to reconnect. When nothing could be read (a database out
   * of reach), the error says why, naming the store.
   */
  private ConnectorException noSuchConnection(String name) {
    ConnectionStore.Listing listing = store.list();
    return otherKeys(listing).orElseGet(() -> new ConnectorException(ErrorCode.NOT_FOUND,
        "no connection named '" + name + "'" + Suggestions.hint(name, names(listing))
            + (listing.connections().isEmpty() && !listing.problems().isEmpty()
                ? " could be read: " + String.join("; ", listing.problems())
                : " (patchbay connections list shows them)")));
  }

  private static List<String> names(ConnectionStore.Listing listing) {
    List<String> names = new ArrayList<>();
    for (StoredConnection connection : listing.connections()) {
      names.add(connection.connection().name());
    }
    return names;
  }

  /**
   * {@code PERMISSION_DENIED} when the listing holds connections encrypted with another master key than the
   * current one, naming that key's id; else empty.
   */
  public Optional<ConnectorException> otherKeys(ConnectionStore.Listing listing) {
    if (listing.otherKeyIds().isEmpty()) {
      return Optional.empty();
    }
    int count = listing.otherKeyIds().size();
    MasterKey current = store.key();
    return Optional.of(new ConnectorException(ErrorCode.PERMISSION_DENIED, count + " connection"
        + (count == 1 ? " was" : "s were") + " encrypted with master key "
        + String.join(", ", new TreeSet<>(listing.otherKeyIds().values())) + ", which is not the current key ("
        + current.id() + ", from " + current.source() + "), so " + (count == 1 ? "it" : "they") + " cannot be opened "
        + "or found by name: set " + MasterKey.ENV + " to the key " + (count == 1 ? "it was" : "they were")
        + " written with"
        + (current.source().equals(MasterKey.ENV) ? " (or unset it to use the key file)" : "")));
  }

  private void write(StoredConnection stored) throws ConnectorException {
    try {
      store.write(stored);
    } catch (StoreException e) {
      throw new ConnectorException(ErrorCode.UPSTREAM_ERROR, e.getMessage(), e);
    }
  }

  /** Tokens of a connection that is not stored yet: the fresh token as it came, no refresh. */
  private static AccessTokens fixedTokens(StoredConnection stored) {
    return new AccessTokens() {
      @Override
      public Secret current() {
        return stored.credentials().accessToken();
      }

      @Override
      public Secret refreshAfterRejection(Secret rejected) throws ConnectorException {
        throw new ConnectorException(ErrorCode.NEEDS_REAUTH,
            "the provider rejected the token it had just issued; check the app's configuration and connect again");
      }
    };
  }

  private static Connection withIdentity(Connection c, ConnectionIdentity identity) {
    return new Connection(c.id(), c.name(), c.connectorId(), c.authTypeId(), c.grantedScopes(), identity,
        c.baseUrl(), c.authorizeUrl(), c.tokenUrl(), c.revokeUrl(), c.publicFields(), c.status(), c.statusReason(),
        c.createdAt(), c.refreshedAt(), c.rateLimits());
  }

  private static boolean sameUser(ConnectionIdentity a, ConnectionIdentity b) {
    return a != null && b != null && a.userId() != null && a.userId().equals(b.userId());
  }

  /**
   * A connection whose token endpoint was overridden (a sandbox, a regional cluster, a test server) never falls back
   * to the definition's revocation endpoint: that would send its token to a different server.
   */
  private static String revokeUrl(NewConnection request, AuthTypeDefinition authType) {
    if (request.revokeUrl() != null || request.tokenUrl() != null) {
      return request.revokeUrl();
    }
    return authType.revokeUrl();
  }

  private static String inWords(Duration duration) {
    return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + " minutes" : duration.toSeconds() + " seconds";
  }

  private static String orDefault(String override, String fallback) {
    return override != null ? override : fallback;
  }

  /**
   * An explicit override wins; else the server the token answer named (the auth type's baseUrlField: Zoom's regional
   * api_url) with the definition's path; else the definition's base URL.
   */
  static String regional(String override, String apiUrl, String definitionBaseUrl) {
    if (override != null) {
      return override;
    }
    if (apiUrl == null || apiUrl.isBlank()) {
      return definitionBaseUrl;
    }
    URI definition = URI.create(definitionBaseUrl);
    String path = definition.getRawPath() == null ? "" : definition.getRawPath();
    HttpUrl served = HttpUrl.parse(apiUrl);
    if (served == null) {
      return definitionBaseUrl;
    }
    // The server only: its scheme, host and port, with the definition's path.
    return served.newBuilder().encodedPath("/").query(null).fragment(null).build().toString().replaceAll("/+$", "") + path;
  }
}
