package dev.patchbay.engine.activities;

import dev.patchbay.api.AuthHandler;
import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.api.Connector;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.http.ApiUrls;
import dev.patchbay.engine.activities.http.ConnectionHttp;
import dev.patchbay.engine.activities.http.ProviderBreakers;
import dev.patchbay.engine.activities.http.HttpBinding;
import dev.patchbay.engine.activities.http.HttpClients;
import dev.patchbay.engine.activities.http.HttpTimeouts;
import dev.patchbay.engine.activities.ratelimit.RateLimit;
import dev.patchbay.engine.activities.ratelimit.RateLimiters;
import dev.patchbay.engine.activities.ratelimit.RateLimitBucket;
import dev.patchbay.engine.activities.time.Deadline;
import dev.patchbay.engine.activities.time.Sleeper;
import dev.patchbay.engine.auth.AccessTokens;
import dev.patchbay.engine.catalog.Catalog;
import dev.patchbay.engine.catalog.CatalogEntry;
import dev.patchbay.engine.catalog.CatalogLease;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.ConnectionStatus;
import dev.patchbay.engine.definitions.AuthTypeDefinition;
import dev.patchbay.engine.definitions.ConnectorDefinition;
import dev.patchbay.engine.definitions.OperationDefinition;
import dev.patchbay.engine.definitions.RateLimitDefinition;
import dev.patchbay.engine.workflows.check.Suggestions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Runs activities, the same way for every connector: resolve the operation in the catalog, refuse an unusable
 * connection, validate the input (defaults applied) against the operation's schema, check the connection's scopes,
 * run the plugin in isolation with a deadline and an HTTP client bound to the connection, validate the output.
 * Nothing reaches the provider before every check passed. Safe for concurrent use; close it to stop its workers.
 */
public final class ActivityRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ActivityRunner.class);

  private final Catalog catalog;
  private final HttpClients clients;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RateLimiters rateLimiters;
  private final OperationSchemas schemas = new OperationSchemas();
  private final PluginCalls pluginCalls;
  private final ProviderBreakers breakers;
  private final ApiUrls urls = new ApiUrls();
  private static final Duration IDENTIFY_TIMEOUT = Duration.ofSeconds(60);

  /**
   * @param client the process's shared client ({@link HttpClients#newSharedClient()}); the runner derives its own
   *     from it once, sharing the connection pool
   * @param clock measures durations, deadlines and {@code Retry-After} dates
   * @param sleeper every wait goes through it ({@link Sleeper#system()} outside tests)
   * @param rateLimiters the process-wide buckets, shared with every other runner of the process
   */
  public ActivityRunner(Catalog catalog, OkHttpClient client, Clock clock, Sleeper sleeper, RateLimiters rateLimiters) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.clients = new HttpClients(Objects.requireNonNull(client, "client"));
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.rateLimiters = Objects.requireNonNull(rateLimiters, "rateLimiters");
    this.pluginCalls = new PluginCalls(clock);
    this.breakers = new ProviderBreakers(clock);
  }

  /**
   * Runs one activity.
   *
   * @throws ActivityException with the {@link ActivityError} that says what went wrong and what to do
   */
  public ActivityResult run(ActivityCall call) throws ActivityException {
    return run(call, RequestAttempts.RUNNER);
  }

  /**
   * Runs one activity, sending each request at most as often as {@code attempts} says.
   *
   * @throws ActivityException with the {@link ActivityError} that says what went wrong and what to do
   */
  public ActivityResult run(ActivityCall call, RequestAttempts attempts) throws ActivityException {
    Instant started = clock.instant();
    try (CatalogLease lease = lease(call.connectorId())) {
      return run(call, attempts, lease, started);
    }
  }

  private ActivityResult run(ActivityCall call, RequestAttempts attempts, CatalogLease lease, Instant started)
      throws ActivityException {
    CatalogEntry entry = lease.entry();
    OperationDefinition operation = operation(entry, call.operationId());
    checkConnection(call, entry.definition());
    CompiledOperation schemasOfOperation = schemas.of(call.connectorId(), call.operationId(), operation);
    String name = schemasOfOperation.name();
    JsonNode input = schemasOfOperation.prepareInput(call.input());
    boolean scopesUnknown = entry.definition().authType(call.connection().authTypeId())
        .map(AuthTypeDefinition::scopesUnknown).orElse(false);
    if (!scopesUnknown) {
      ScopeCheck.require(operation, call.connection(), name);
    }

    HttpBinding binding = new HttpBinding(entry.definition(), operation, name, call.connection(), call.tokens(),
        bucket(entry.definition(), operation, call.connection()), Deadline.after(clock, call.timeout()),
        call.httpTimeouts());
    ConnectionHttp http = new ConnectionHttp(clients, binding, attempts, sleeper, breakers, urls,
        pluginCalls.alarms());
    JsonNode output;
    try {
      output = pluginCalls.run(lease, operation.id(), new RunningActivity(input, http, call.progress()),
          call.timeout(), name, http::cancel);
    } catch (ConnectorException e) {
      ActivityException failure = Failures.from(e, http::redact, http.attempts() > 0);
      if (e.code() == ErrorCode.NEEDS_REAUTH && e.answer().isPresent()) {
        call.tokens().revoked(failure.error().message());
      }
      LOG.debug("{} failed with {} after {} requests", name, failure.code(), http.attempts());
      throw failure;
    }
    schemasOfOperation.checkOutput(output, entry.pluginId());
    Duration duration = Duration.between(started, clock.instant());
    if (LOG.isDebugEnabled()) {
      LOG.debug("{} finished in {} ms with {} requests", name, duration.toMillis(), http.attempts());
    }
    return new ActivityResult(output, http.attempts(), duration);
  }

  /**
   * Asks the provider who a connection acts as, through the connector's auth handler, with the same HTTP stack,
   * isolation and error mapping as an activity.
   */
  public ConnectionIdentity identify(Connection connection, AccessTokens tokens) throws ActivityException {
    try (CatalogLease lease = lease(connection.connectorId())) {
      return identify(connection, tokens, lease);
    }
  }

  private ConnectionIdentity identify(Connection connection, AccessTokens tokens, CatalogLease lease)
      throws ActivityException {
    CatalogEntry entry = lease.entry();
    AuthHandler handler = entry.implementation().authHandlers().get(connection.authTypeId());
    if (handler == null) {
      throw Failures.of(ErrorCode.PLUGIN_ERROR, "Connector '" + entry.id() + "' has no handler for auth type '"
          + connection.authTypeId() + "'.");
    }
    OperationDefinition identify = IdentifyOperation.of(entry.definition());
    String name = entry.id() + "/" + identify.id();
    HttpBinding binding = new HttpBinding(entry.definition(), identify, name, connection, tokens,
        bucket(entry.definition(), identify, connection), Deadline.after(clock, IDENTIFY_TIMEOUT),
        HttpTimeouts.DEFAULTS);
    ConnectionHttp http = new ConnectionHttp(clients, binding, RequestAttempts.RUNNER, sleeper, breakers, urls,
        pluginCalls.alarms());
    try {
      return pluginCalls.run(lease, () -> handler.identify(http), IDENTIFY_TIMEOUT, name,
          PluginCalls.Quarantine.APPLIES, http::cancel);
    } catch (ConnectorException e) {
      throw Failures.from(e, http::redact, http.attempts() > 0);
    }
  }

  /** A connector's own code that is not an activity, such as its webhook verification. */
  @FunctionalInterface
  public interface ConnectorCode<T> {
    T call(Connector connector) throws ConnectorException;
  }

  /**
   * Runs a connector's code on input that anybody may send (a webhook delivery), with an activity's isolation and
   * deadline: its plugin stays loaded meanwhile, anything but a {@code ConnectorException} it throws is
   * {@code PLUGIN_ERROR}, a call past the deadline is {@code TIMEOUT}. Its outcomes neither count toward the plugin's
   * quarantine nor are refused by it: strangers must not be able to lift a quarantine or cause one.
   *
   * @return empty when no connector with this id is loaded
   */
  public <T> Optional<T> callConnector(String connectorId, String name, Duration timeout, ConnectorCode<T> code)
      throws ConnectorException {
    Optional<CatalogLease> lease = catalog.lease(connectorId);
    if (lease.isEmpty()) {
      return Optional.empty();
    }
    try (CatalogLease held = lease.get()) {
      return Optional.of(pluginCalls.run(held, () -> code.call(held.entry().implementation()), timeout, name,
          PluginCalls.Quarantine.IGNORES));
    }
  }

  /** The connector, its plugin held loaded until the call is over even if it is replaced or removed meanwhile. */
  private CatalogLease lease(String connectorId) throws ActivityException {
    return catalog.lease(connectorId).orElseThrow(() -> catalog.departure(connectorId)
        .map(gone -> Failures.of(ErrorCode.NOT_FOUND, gone))
        .orElseGet(() -> Failures.of(ErrorCode.NOT_FOUND,
            "There is no connector '" + connectorId + "'"
                + Suggestions.hint(connectorId, catalog.connectors().stream().map(CatalogEntry::id).toList())
                + ". " + (catalog.connectors().isEmpty()
                ? "No connector is loaded; see which plugins failed with 'patchbay plugins list'."
                : "Known connectors: " + catalog.connectors().stream().map(CatalogEntry::id)
                    .collect(Collectors.joining(", ")) + "."))));
  }

  private static OperationDefinition operation(CatalogEntry entry, String operationId) throws ActivityException {
    ConnectorDefinition definition = entry.definition();
    Optional<OperationDefinition> found = definition.operation(operationId);
    if (found.isPresent()) {
      return found.get();
    }
    List<String> known = definition.operations().stream().map(OperationDefinition::id).toList();
    throw Failures.of(ErrorCode.NOT_FOUND, "Connector '" + definition.id() + "' has no operation '" + operationId
        + "'" + Suggestions.hint(operationId, known) + ". Its operations: " + String.join(", ", known) + ".");
  }

  private static void checkConnection(ActivityCall call, ConnectorDefinition definition) throws ActivityException {
    Connection connection = call.connection();
    if (!connection.connectorId().equals(call.connectorId())) {
      throw Failures.of(ErrorCode.INVALID_INPUT, "Connection '" + connection.name() + "' is a "
          + connection.connectorId() + " connection; " + call.activityName() + " needs a " + call.connectorId()
          + " connection.");
    }
    if (connection.status() == ConnectionStatus.NEEDS_REAUTH) {
      String reason = connection.statusReason() == null ? "its authorization is no longer valid"
          : connection.statusReason();
      throw Failures.of(ErrorCode.NEEDS_REAUTH, "Connection '" + connection.name() + "' needs to be reconnected: "
          + reason + ". " + howToReconnect(connection, definition) + ", then run " + call.activityName() + " again.",
          Map.of(ActivityError.REASON, reason));
    }
  }

  /** What reconnecting takes with the connection's auth type: a sign-in, a new token for the app, or a new key. */
  private static String howToReconnect(Connection connection, ConnectorDefinition definition) {
    String command = "patchbay connections reauth " + connection.name();
    Optional<AuthTypeDefinition> authType = definition.authType(connection.authTypeId());
    if (authType.isEmpty()) {
      return "Reconnect it (" + command + ")";
    }
    return switch (authType.get().kind()) {
      case OAUTH2_AUTHORIZATION_CODE -> "Sign in again with " + command;
      case OAUTH2_CLIENT_CREDENTIALS -> "Request a new token with " + command;
      case API_KEY, BEARER_TOKEN, BASIC -> "Paste the new " + authType.get().secretField() + " with " + command;
    };
  }

  private RateLimitBucket bucket(ConnectorDefinition definition, OperationDefinition operation, Connection connection) {
    String category = operation.rateLimitCategory();
    // The definition rules guarantee that every operation's category is declared.
    RateLimitDefinition defaults = Objects.requireNonNull(definition.rateLimitCategories().get(category),
        () -> definition.id() + " declares no rate-limit category '" + category + "'");
    return rateLimiters.bucket(connection, category, RateLimit.of(defaults));
  }

  /** How a plugin's calls fare in this runner: its quarantine, its stuck calls. */
  public PluginCallHealth pluginHealth(String pluginId) {
    return pluginCalls.health(pluginId);
  }

  @Override
  public void close() {
    pluginCalls.close();
  }
}
