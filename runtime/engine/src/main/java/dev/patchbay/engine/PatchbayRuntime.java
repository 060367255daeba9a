package dev.patchbay.engine;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.api.RunningSandbox;
import dev.patchbay.api.SandboxOptions;
import dev.patchbay.engine.activities.Activities;
import dev.patchbay.engine.activities.ActivityException;
import dev.patchbay.engine.activities.ActivityRunner;
import dev.patchbay.engine.activities.PluginCallHealth;
import dev.patchbay.engine.activities.http.HttpClients;
import dev.patchbay.engine.activities.ratelimit.ProcessBuckets;
import dev.patchbay.engine.activities.ratelimit.RateLimit;
import dev.patchbay.engine.activities.ratelimit.RateLimitCategories;
import dev.patchbay.engine.activities.ratelimit.RateLimiters;
import dev.patchbay.engine.activities.time.Sleeper;
import dev.patchbay.engine.auth.AuthorizationCodeFlow;
import dev.patchbay.engine.auth.OperatorApps;
import dev.patchbay.engine.auth.TokenEndpoint;
import dev.patchbay.engine.auth.UnattendedBrowser;
import dev.patchbay.engine.catalog.Catalog;
import dev.patchbay.engine.catalog.CatalogEntry;
import dev.patchbay.engine.catalog.CatalogLoader;
import dev.patchbay.engine.catalog.PluginRegistry;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.ConnectionStore;
import dev.patchbay.engine.connections.Connections;
import dev.patchbay.engine.connections.StoredConnections;
import dev.patchbay.engine.declarative.DeclarativeConnector;
import dev.patchbay.engine.definitions.AuthTypeDefinition;
import dev.patchbay.engine.definitions.DefinitionReader;
import dev.patchbay.engine.definitions.VerifiedDefinitions;
import dev.patchbay.engine.plugins.ConnectorApiVersion;
import dev.patchbay.engine.plugins.PluginHost;
import dev.patchbay.engine.sandbox.SandboxSession;
import dev.patchbay.engine.store.MasterKey;
import dev.patchbay.engine.store.SealedFiles;
import dev.patchbay.engine.store.SharedStore;
import dev.patchbay.engine.store.StoreException;
import dev.patchbay.engine.store.StoreLocation;
import dev.patchbay.engine.store.StoreSelection;
import dev.patchbay.engine.store.StoreUnavailableException;
import dev.patchbay.engine.webhooks.EventHandler;
import dev.patchbay.engine.webhooks.EventStore;
import dev.patchbay.engine.webhooks.MemoryEventStore;
import dev.patchbay.engine.webhooks.WebhookInbox;
import dev.patchbay.engine.webhooks.WebhookSecretStore;
import dev.patchbay.engine.webhooks.WebhookSecrets;
import dev.patchbay.engine.webhooks.WebhookSettings;
import dev.patchbay.engine.workflows.WorkflowEnvironment;
import dev.patchbay.engine.workflows.Workflows;
import dev.patchbay.engine.workflows.runs.FileRunRecords;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;

/**
 * The Patchbay runtime, as a Java API: loads connector plugins, keeps connections, runs activities.
 *
 * <pre>{@code
 * try (PatchbayRuntime runtime = PatchbayRuntime.builder().start()) {
 *   ActivityResult result = runtime.activities().run("zoom/users.getCurrent", "work", JsonNodeFactory.instance.objectNode());
 * }
 * }</pre>
 *
 * <p>After {@link #openSandbox}, the runtime runs against connectors' sandboxes (one per connector, several at
 * once for a workflow across connectors); its {@link #connections()} are then the sandboxes' own, apart from the
 * user's.
 */
public final class PatchbayRuntime implements AutoCloseable {

  private static final String VERSION = readVersion("version");
  /** The build's own mark: definitions verified by another build of the same version are checked again. */
  private static final String BUILD = readVersion("build");

  private final PatchbayHome home;
  private final Map<String, String> env;
  private final PluginRegistry plugins;
  private final Catalog catalog;
  private final Clock clock = Clock.systemUTC();
  /** Made on first use, with {@link #runner}: building an OkHttp client loads the JDK's trusted certificates. */
  private OkHttpClient http;
  private final RateLimiters rateLimiters;
  private ActivityRunner runner;
  private Connections connections;
  private Activities activities;
  private final Map<String, SandboxSession> sandboxes = new LinkedHashMap<>();
  private final Map<String, String> sandboxOperatorApps = new LinkedHashMap<>();
  private Path sandboxStore;
  private MasterKey sandboxKey;
  private boolean storeChosen;
  private SharedStore shared;

  private PatchbayRuntime(Builder builder) {
    this.home = builder.home;
    this.env = builder.env;
    List<Path> roots = builder.pluginRoots != null ? builder.pluginRoots : defaultRoots(builder);
    PluginHost host = new PluginHost(roots, home.pluginCache(), home.pluginAdmissionPolicy(),
        ConnectorApiVersion.current());
    List<Path> definitionRoots = new ArrayList<>();
    definitionRoots.add(home.connectors());
    if (builder.bundledConnectors != null) {
      definitionRoots.add(builder.bundledConnectors);
    }
    this.plugins = new PluginRegistry(host, new CatalogLoader(
        new DefinitionReader(new VerifiedDefinitions(home.verifiedDefinitions(), builder.bundledVerifiedDefinitions,
            VERSION + " build " + BUILD))), definitionRoots);
    plugins.rescan();
    this.catalog = plugins.catalog();
    Map<String, Map<String, RateLimit>> limits;
    try {
      limits = checked(builder.rateLimits, catalog);
    } catch (IllegalArgumentException e) {
      plugins.close();
      throw e;
    }
    this.rateLimiters = new RateLimiters(limits, new ProcessBuckets());
  }

  /** The builder's limits, each category checked against its connector's definition when that is loaded. */
  private static Map<String, Map<String, RateLimit>> checked(Map<String, Map<String, RateLimit>> limits,
      Catalog catalog) {
    limits.forEach((connectorId, byCategory) -> catalog.connector(connectorId)
        .flatMap(entry -> RateLimitCategories.unknown(entry.definition(), byCategory))
        .ifPresent(unknown -> {
          throw new IllegalArgumentException("rate limit for " + connectorId + ": " + unknown);
        }));
    return limits;
  }

  /**
   * The process's HTTP client, made on first use: a command that only lists or shows connectors never makes one,
   * and making one was about a tenth of such a command's cold start (BENCHMARKS.md, cold start).
   */
  private synchronized OkHttpClient http() {
    if (http == null) {
      http = HttpClients.newSharedClient();
    }
    return http;
  }

  private synchronized ActivityRunner runner() {
    if (runner == null) {
      runner = new ActivityRunner(catalog, http(), clock, Sleeper.system(), rateLimiters);
    }
    return runner;
  }

  private static List<Path> defaultRoots(Builder builder) {
    List<Path> roots = new ArrayList<>();
    roots.add(builder.home.plugins());
    if (builder.bundledPlugins != null) {
      roots.add(builder.bundledPlugins);
    }
    return roots;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The runtime's version; plugins' {@code plugin.requires} names the connector API's ({@link ConnectorApiVersion}). */
  public static String version() {
    return VERSION;
  }

  public PatchbayHome home() {
    return home;
  }

  /** The connectors and plugin reports; the same object for the runtime's life, its contents follow the plugins. */
  public Catalog catalog() {
    return catalog;
  }

  /**
   * The plugins: reload an archive that was added, replaced or removed while the runtime runs, or watch the plugin
   * folders for such changes.
   */
  public PluginRegistry plugins() {
    return plugins;
  }

  /**
   * The connections: the user's, in {@code $PATCHBAY_HOME/connections} or the shared store, under the master key;
   * or, in sandbox mode, the sandbox's. Opened on first use, so listing connectors never creates a key.
   */
  public synchronized Connections connections() throws ConnectorException {
    if (connections == null) {
      Optional<SharedStore> shared = sharedStore();
      try {
        SealedFiles sealing = new SealedFiles(MasterKey.load(env, home.keys()));
        StoredConnections store = shared.isPresent() ? shared.get().connections(sealing)
            : new ConnectionStore(home.connections(), sealing);
        // The buckets live where the connections do: in a shared store every process keeps to one limit together.
        shared.ifPresent(opened -> rateLimiters.keepIn(opened.rateLimitBuckets()));
        connections = connectionsOver(store, new OperatorApps(env, home.config()));
      } catch (StoreException e) {
        // The key or the store folder is wrong (malformed key, loose permissions): the operator's to fix, not a
        // connection to sign in again.
        throw new ConfigurationException(e.getMessage(), e);
      }
    }
    return connections;
  }

  /**
   * The shared store {@code PATCHBAY_STORE} (or {@code store.url} in the home's config) names, opened on first use
   * and kept until the runtime closes; empty when the files under the home are the store.
   */
  public synchronized Optional<SharedStore> sharedStore() throws StoreUnavailableException {
    if (!storeChosen) {
      Optional<StoreLocation> location = StoreSelection.configured(env, home);
      if (location.isPresent()) {
        shared = StoreSelection.open(location.get());
      }
      storeChosen = true;
    }
    return Optional.ofNullable(shared);
  }

  /**
   * Each connector's webhook secret token, in {@code $PATCHBAY_HOME/webhooks} or the shared store, under the master
   * key; the operator's also in sandbox mode, since the provider (or the sandbox standing in for it) signs with the
   * operator's token.
   */
  public WebhookSecretStore webhookSecrets() throws ConnectorException {
    Optional<SharedStore> shared = sharedStore();
    try {
      SealedFiles sealing = new SealedFiles(MasterKey.load(env, home.keys()));
      return shared.isPresent() ? shared.get().webhookSecrets(sealing)
          : new WebhookSecrets(home.webhookSecrets(), sealing);
    } catch (StoreException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }

  /**
   * An inbox for provider webhooks: deliveries are verified by their connector's code against the secret token
   * set for it, and the events kept for {@code handler}: in memory, or in the shared store, where every replica sees
   * them and an event a dead replica acknowledged is processed by another. Stop it before closing the runtime.
   *
   * @throws ConnectorException the shared store or the master key cannot be used
   */
  public WebhookInbox openInbox(EventHandler handler, WebhookSettings settings) throws ConnectorException {
    Optional<SharedStore> shared = sharedStore();
    EventStore events;
    if (shared.isPresent()) {
      try {
        events = shared.get().webhookEvents(new SealedFiles(MasterKey.load(env, home.keys())), settings, clock);
      } catch (StoreException e) {
        throw new ConfigurationException(e.getMessage(), e);
      }
    } else {
      events = new MemoryEventStore(settings, clock);
    }
    // The secrets are opened on the first delivery and kept: loading the master key for every anonymous POST was
    // work for whoever sends one. Its token files are still read per delivery, so a token set meanwhile counts.
    AtomicReference<WebhookSecretStore> opened = new AtomicReference<>();
    return new WebhookInbox(runner(), connectorId -> {
      WebhookSecretStore secrets = opened.get();
      if (secrets == null) {
        secrets = webhookSecrets();
        opened.set(secrets);
      }
      return secrets.get(connectorId);
    }, handler, settings, clock, events);
  }

  /** Runs activities against the runtime's connections. */
  public synchronized Activities activities() throws ConnectorException {
    if (activities == null) {
      activities = new Activities(runner(), connections());
    }
    return activities;
  }

  /**
   * Runs workflows against the runtime's connections; run records go to the shared store, else to {@code
   * $PATCHBAY_HOME/runs}.
   */
  public Workflows workflows() throws ConnectorException {
    Connections current = connections();
    Optional<SharedStore> shared = sharedStore();
    return Workflows.builder()
        .environment(WorkflowEnvironment.of(catalog, name -> {
          try {
            return Optional.of(current.get(name));
          } catch (ConnectorException e) {
            return Optional.empty();
          }
        }, name -> current.otherKeys(current.list()).map(ConnectorException::getMessage)))
        .invoker(new RunnerInvoker(runner(), current))
        .runs(shared.isPresent() ? shared.get().runRecords() : new FileRunRecords(home.runs()))
        .sealedValues(new SealedFiles(masterKey()))
        .variables(env)
        .build();
  }

  /**
   * Seals with the home's master key, as connections are sealed: for what this runtime hands to another system to
   * keep (Temporal's payloads).
   */
  public SealedFiles sealing() throws ConnectorException {
    return new SealedFiles(masterKey());
  }

  /**
   * Whether the installation's master key is there already ({@value MasterKey#ENV}, or the home's key file), which
   * the first use of connections or sealing would otherwise create: a process sealing what other processes must open
   * (a run started on Temporal, for its workers) has to use their key, not a new one.
   */
  public boolean hasMasterKey() {
    return MasterKey.exists(env, home.keys());
  }

  /** The home's master key, also in sandbox mode: run records' sealed values are the user's, not the sandbox's. */
  private MasterKey masterKey() throws ConnectorException {
    try {
      return MasterKey.load(env, home.keys());
    } catch (StoreException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }

  /**
   * The rate limit each of the connection's categories keeps to, as {@code connections show} and the API show it:
   * {@code 80/s} when the connection sets it, {@code 30/s (default)} when it is the definition's, {@code 1000/s
   * (runtime)} when this runtime's builder set it for the connector. Empty when its connector is not loaded.
   */
  public Map<String, String> rateLimits(Connection connection) {
    Map<String, String> limits = new java.util.TreeMap<>();
    catalog.connector(connection.connectorId()).ifPresent(entry -> entry.definition().rateLimitCategories()
        .forEach((category, defaults) -> {
          RateLimit definition = RateLimit.of(defaults);
          RateLimit kept = rateLimiters.limit(connection, category, definition);
          String source = connection.rateLimits().containsKey(category) ? ""
              : kept.equals(definition) ? " (default)" : " (runtime)";
          limits.put(category, kept.text() + source);
        }));
    return limits;
  }

  /** How a plugin's calls fare in this runtime: quarantined or not, how many are stuck. */
  public PluginCallHealth pluginHealth(String pluginId) {
    return runner().pluginHealth(pluginId);
  }

  /** The sandbox session opened first, or null: {@code serve} and single-connector commands open one. */
  public synchronized SandboxSession sandbox() {
    return sandboxes.isEmpty() ? null : sandboxes.values().iterator().next();
  }

  /** The open sandbox session of a connector. */
  public synchronized Optional<SandboxSession> sandbox(String connectorId) {
    return Optional.ofNullable(sandboxes.get(connectorId));
  }

  /**
   * The auth type a sandbox connection of the connector uses when none is asked for: for a declarative connector's
   * mock, which emulates no OAuth endpoints, its first auth type with a pasted secret; else its first auth type.
   */
  public String defaultSandboxAuthType(String connectorId) throws ConnectorException {
    CatalogEntry entry = catalog.connector(connectorId).orElseThrow(() -> new ConnectorException(
        ErrorCode.NOT_FOUND, "no connector '" + connectorId + "' in the catalog"));
    List<AuthTypeDefinition> authTypes = entry.definition().authTypes();
    return authTypes.stream()
        .filter(type -> !(entry.implementation() instanceof DeclarativeConnector) || !type.kind().isOAuth())
        .map(AuthTypeDefinition::id).findFirst()
        .orElseThrow(() -> new ConnectorException(ErrorCode.INVALID_INPUT, "connector '" + connectorId
            + "' has no auth type its sandbox can connect with (its mock emulates no OAuth endpoints)"));
  }

  /** Starts a connector's sandbox on its own, for {@code patchbay sandbox start}. */
  public RunningSandbox startSandbox(String connectorId, SandboxOptions options) throws ConnectorException {
    return SandboxSession.start(catalog, connectorId, options);
  }

  private Connections connectionsOver(StoredConnections store, OperatorApps operatorApps) {
    TokenEndpoint tokenEndpoint = new TokenEndpoint(http(), clock);
    int callbackPort = Integer.parseInt(env.getOrDefault("PATCHBAY_CALLBACK_PORT", "0"));
    return new Connections(store, catalog, operatorApps, tokenEndpoint,
        new AuthorizationCodeFlow(tokenEndpoint, AuthorizationCodeFlow.DEFAULT_TIMEOUT, callbackPort),
        (connection, tokens) -> {
          try {
            return runner().identify(connection, tokens);
          } catch (ActivityException e) {
            throw new ConnectorException(e.code(), e.getMessage());
          }
        }, clock);
  }

  /**
   * Switches this runtime to a connector's sandbox: starts it, connects to it through {@code authTypeId}'s real
   * flow, and from then on {@link #connections()} are the sandboxes' own (the user's are never touched). Each
   * connector gets one sandbox; they stop when the runtime closes.
   */
  public synchronized SandboxSession openSandbox(String connectorId, String authTypeId, SandboxOptions options)
      throws ConnectorException, InterruptedException {
    if (sandboxes.containsKey(connectorId)) {
      throw new IllegalStateException("the " + connectorId + " sandbox is open already");
    }
    RunningSandbox running = startSandbox(connectorId, options);
    try {
      if (sandboxStore == null) {
        sandboxStore = Files.createTempDirectory("patchbay-sandbox-");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        sandboxKey = MasterKey.fromBase64(Base64.getEncoder().encodeToString(key), "sandbox session");
      }
      // The sandbox's operator app stands in for the operator's configuration; a pasted secret needs none.
      Map<String, String> operatorApp = isOAuth(connectorId, authTypeId)
          ? SandboxSession.fieldsOf(running, operatorAuthType(connectorId, authTypeId)) : Map.of();
      String prefix = "PATCHBAY_" + connectorId.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
      sandboxOperatorApps.put(prefix + "CLIENT_ID", operatorApp.getOrDefault("clientId", ""));
      sandboxOperatorApps.put(prefix + "CLIENT_SECRET", operatorApp.getOrDefault("clientSecret", ""));
      // One store for all sandboxes, so a workflow across connectors finds each one's connection; its connections
      // live in this process only, and so do their buckets.
      rateLimiters.keepIn(new ProcessBuckets());
      connections = connectionsOver(new ConnectionStore(sandboxStore.resolve("connections"),
          new SealedFiles(sandboxKey)), new OperatorApps(Map.copyOf(sandboxOperatorApps),
          sandboxStore.resolve("config")));
      SandboxSession session = SandboxSession.open(running, catalog, connectorId, authTypeId, connections,
          new UnattendedBrowser(http()));
      sandboxes.put(connectorId, session);
      return session;
    } catch (IOException | StoreException e) {
      running.close();
      throw new ConnectorException(ErrorCode.PLUGIN_ERROR, "the sandbox session could not start: " + e.getMessage(), e);
    } catch (ConnectorException | InterruptedException | RuntimeException e) {
      running.close();
      throw e;
    }
  }

  private boolean isOAuth(String connectorId, String authTypeId) {
    return catalog.connector(connectorId).flatMap(entry -> entry.definition().authType(authTypeId))
        .map(type -> type.kind().isOAuth()).orElse(true);
  }

  /** The auth type whose client is the operator's; the sandbox supplies that app. */
  private String operatorAuthType(String connectorId, String requested) {
    return catalog.connector(connectorId).flatMap(entry -> entry.definition().authTypes().stream()
            .filter(type -> type.clientCredentials()
                == dev.patchbay.engine.definitions.AuthTypeDefinition.ClientCredentials.OPERATOR)
            .map(type -> type.id()).findFirst())
        .orElse(requested);
  }

  @Override
  public synchronized void close() {
    if (connections != null) {
      // While the store is still open: renewed tokens it failed to keep must not end with the process.
      connections.storeKeptTokens();
    }
    sandboxes.values().forEach(SandboxSession::close);
    if (sandboxStore != null) {
      deleteQuietly(sandboxStore);
    }
    if (runner != null) {
      runner.close();
    }
    plugins.close();
    if (shared != null) {
      shared.close();
    }
    if (http != null) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  private static void deleteQuietly(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // A temporary folder of sandbox credentials for a sandbox that is gone: harmless if it stays.
    }
  }

  private static String readVersion(String key) {
    try (InputStream in = PatchbayRuntime.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty(key);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("version.properties missing from the engine jar", e);
    }
  }

  /** Configures a runtime. */
  public static final class Builder {
    private PatchbayHome home = PatchbayHome.fromEnvironment(System.getenv());
    private Map<String, String> env = System.getenv();
    private List<Path> pluginRoots;
    private Path bundledPlugins;
    private Path bundledConnectors;
    private Path bundledVerifiedDefinitions;
    private final Map<String, Map<String, RateLimit>> rateLimits = new LinkedHashMap<>();

    private Builder() {}

    /**
     * The limit of a connector's rate-limit category in this runtime, instead of the definition's default, for
     * every connection that sets none of its own ({@code connections set-limits}): an account on a higher plan, a
     * benchmark against a local server. Checked at {@link #start()} against the connector's definition when it is
     * loaded then.
     */
    public Builder rateLimit(String connectorId, String category, RateLimit limit) {
      rateLimits.computeIfAbsent(connectorId, id -> new LinkedHashMap<>()).put(category, limit);
      return this;
    }

    public Builder home(PatchbayHome home) {
      this.home = home;
      return this;
    }

    /** The environment to read keys and operator apps from (default: the process's). */
    public Builder environment(Map<String, String> environment) {
      this.env = Map.copyOf(environment);
      return this;
    }

    /**
     * Loads plugins from exactly these folders, instead of the home's {@code plugins} folder and the bundled one.
     */
    public Builder pluginRoots(List<Path> roots) {
      this.pluginRoots = List.copyOf(roots);
      return this;
    }

    /**
     * The distribution's own plugins folder, searched after the home's; a plugin the user dropped into the home
     * shadows a bundled plugin with the same id.
     */
    public Builder bundledPlugins(Path folder) {
      this.bundledPlugins = folder;
      return this;
    }

    /**
     * The distribution's own folder of declarative connectors ({@code *.json}), after the home's
     * {@code connectors} folder.
     */
    public Builder bundledConnectors(Path folder) {
      this.bundledConnectors = folder;
      return this;
    }

    /**
     * The records of verified definitions the distribution's build made for its bundled connectors, read after the
     * home's own: the first command in a new home lists them without checking each definition in full.
     */
    public Builder bundledVerifiedDefinitions(Path folder) {
      this.bundledVerifiedDefinitions = folder;
      return this;
    }

    /** Loads the plugins and builds the catalog; plugin failures are reported in the catalog, never thrown. */
    public PatchbayRuntime start() {
      return new PatchbayRuntime(this);
    }
  }
}
