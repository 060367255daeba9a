package dev.patchbay.engine.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.auth.AuthorizationCodeFlow;
import dev.patchbay.engine.auth.OperatorApps;
import dev.patchbay.engine.auth.TokenEndpoint;
import dev.patchbay.engine.auth.UnattendedBrowser;
import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.store.MasterKey;
import dev.patchbay.engine.store.SealedFiles;
import dev.patchbay.engine.store.SharedStore;
import dev.patchbay.engine.store.StoreLocation;
import dev.patchbay.engine.store.StoreSelection;
import dev.patchbay.engine.store.StoreUnavailableException;
import dev.patchbay.engine.testing.Definitions;
import dev.patchbay.engine.testing.FakeOAuthServer;
import dev.patchbay.engine.testing.MutableClock;
import dev.patchbay.engine.testing.PluginZipBuilder;
import dev.patchbay.engine.testplugins.OAuthTestConnector;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import okhttp3.OkHttpClient;

/**
 * Connections wired to a {@link FakeOAuthServer}: the oauthtest connector loaded through PF4J, a store in a temp
 * home, a hand-moved clock, the operator app in the environment, and an identity lookup that answers with the user
 * the fake server signed in.
 */
final class ConnectionsFixture implements AutoCloseable {

  static final String OPERATOR_CLIENT = "operator-client";
  static final String OPERATOR_SECRET = FakeOAuthServer.CANARY + "-operator-secret";
  static final String BYO_CLIENT = "byo-client";
  static final String BYO_SECRET = FakeOAuthServer.CANARY + "-byo-secret";
  static final String MASTER_KEY = "q0Lr1ld3Z3lQv6n2M1m8fJ1JmS1k1QzZk5pTq6vY8yA=";

  final Path home;
  final FakeOAuthServer server;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
  final List<Secret> identityTokens = new CopyOnWriteArrayList<>();
  final PatchbayRuntime runtime;
  final OkHttpClient http = new OkHttpClient();
  volatile String signedInUser = "user-1";

  ConnectionsFixture(Path home, FakeOAuthServer server) {
    this(home, server, UnaryOperator.identity());
  }

  /** With the oauthtest definition's text changed by {@code editDefinition} (a rule dropped, say). */
  ConnectionsFixture(Path home, FakeOAuthServer server, UnaryOperator<String> editDefinition) {
    this.home = home;
    this.server = server;
    server.client(OPERATOR_CLIENT, OPERATOR_SECRET).client(BYO_CLIENT, BYO_SECRET);
    new PluginZipBuilder("oauthtest")
        .extension(OAuthTestConnector.class)
        .resource("connectors/oauthtest.json", editDefinition.apply(Definitions.text("oauthtest.json")))
        .writeTo(home.resolve("plugins"));
    runtime = PatchbayRuntime.builder().home(new PatchbayHome(home)).start();
  }

  /** A fresh Connections over the same store: what a second process sees. */
  Connections connections() {
    try {
      return connections(storeOf(home));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh Connections over {@code store}: a test's wrapper of the home's store. */
  Connections connections(StoredConnections store) {
    return connectionsOn(store, home, runtime.catalog(), http, clock, (connection, tokens) -> {
      identityTokens.add(tokens.current());
      return new ConnectionIdentity("account-1", signedInUser, "User " + signedInUser, signedInUser + "@example.test");
    });
  }

  /**
   * Connections on the store of {@code home} ({@link #storeOf}), with the operator app the fake server knows.
   */
  static Connections connectionsOver(Path home, dev.patchbay.engine.catalog.Catalog catalog, OkHttpClient http,
      java.time.Clock clock, IdentityLookup identityLookup) {
    return connectionsOver(home, catalog, http, clock, identityLookup, MASTER_KEY);
  }

  /** The same, with another master key (base64). */
  static Connections connectionsOver(Path home, dev.patchbay.engine.catalog.Catalog catalog, OkHttpClient http,
      java.time.Clock clock, IdentityLookup identityLookup, String masterKey) {
    try {
      return connectionsOn(storeOf(home, masterKey), home, catalog, http, clock, identityLookup);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Connections on {@code store}, with the operator app the fake server knows and the home's configuration. */
  static Connections connectionsOn(StoredConnections store, Path home, dev.patchbay.engine.catalog.Catalog catalog,
      OkHttpClient http, java.time.Clock clock, IdentityLookup identityLookup) {
    TokenEndpoint tokenEndpoint = new TokenEndpoint(http, clock);
    OperatorApps operatorApps = new OperatorApps(
        Map.of("PATCHBAY_OAUTHTEST_CLIENT_ID", OPERATOR_CLIENT, "PATCHBAY_OAUTHTEST_CLIENT_SECRET", OPERATOR_SECRET),
        home.resolve("config"));
    return new Connections(store, catalog, operatorApps, tokenEndpoint,
        new AuthorizationCodeFlow(tokenEndpoint, Duration.ofSeconds(10), 0), identityLookup, clock);
  }

  /** The store of {@code home}: its files, or the shared store its {@code config/store.properties} names. */
  static StoredConnections storeOf(Path home) throws Exception {
    return storeOf(home, MASTER_KEY);
  }

  /** The same, sealed with {@code masterKey} (base64). */
  static StoredConnections storeOf(Path home, String masterKey) throws Exception {
    SealedFiles sealing = new SealedFiles(MasterKey.fromBase64(masterKey, "test"));
    Optional<StoreLocation> shared = StoreSelection.configured(Map.of(), new PatchbayHome(home));
    return shared.isPresent()
        ? SHARED.computeIfAbsent(shared.get().toString(), url -> open(shared.get())).connections(sealing)
        : new ConnectionStore(home.resolve("connections"), sealing);
  }

  /** Shared stores stay open for the test JVM: each Connections of a test opens the same one. */
  private static final Map<String, SharedStore> SHARED = new ConcurrentHashMap<>();

  private static SharedStore open(StoreLocation location) {
    try {
      return StoreSelection.open(location);
    } catch (StoreUnavailableException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  UnattendedBrowser browser() {
    return new UnattendedBrowser(http);
  }

  NewConnection oauth(String name) {
    return new NewConnection("oauthtest", "oauth", name, Map.of(), Map.of(), server.url("/v2"),
        server.url("/oauth/authorize"), server.url("/oauth/token"), server.url("/oauth/revoke"));
  }

  NewConnection byo(String name, String secret) {
    return new NewConnection("oauthtest", "byo-oauth", name, Map.of("clientId", BYO_CLIENT),
        secret == null ? Map.of() : Map.of("clientSecret", Secret.of(secret)), null, server.url("/oauth/authorize"),
        server.url("/oauth/token"), null);
  }

  NewConnection serverToServer(String name) {
    return new NewConnection("oauthtest", "server-to-server", name,
        Map.of("accountId", "acct-9", "clientId", BYO_CLIENT), Map.of("clientSecret", Secret.of(BYO_SECRET)), null,
        null, server.url("/oauth/token"), null);
  }

  /**
   * After the store took renewed tokens it had failed to keep ({@code renewed}, replacing {@code first}): they were
   * not renewed again, the store holds the refresh token the provider last issued, and another process renews with
   * it without the provider revoking anything (a spent one would revoke the family).
   */
  void assertKeptTokensStored(Connection connection, Secret first, Secret renewed) throws Exception {
    assertNotEquals(first, renewed);
    assertEquals(1, server.refreshCount(), "the kept tokens are stored, not renewed again");
    assertEquals(server.currentRefreshToken(OPERATOR_CLIENT, "user-1"),
        connections().list().connections().get(0).credentials().refreshToken().reveal());
    clock.advance(Duration.ofMinutes(59));
    Secret next = connections().tokens(connection).current();
    assertEquals(2, server.refreshCount());
    assertFalse(server.isRevoked(next.reveal()), "the kept refresh token is live");
    assertEquals(ConnectionStatus.ACTIVE, connections().get("work").status());
  }

  @Override
  public void close() {
    runtime.close();
    server.close();
  }
}
