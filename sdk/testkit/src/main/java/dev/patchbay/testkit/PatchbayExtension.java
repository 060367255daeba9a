package dev.patchbay.testkit;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.store.OwnerOnlyFiles;
import dev.patchbay.engine.auth.UnattendedBrowser;
import dev.patchbay.engine.catalog.CatalogEntry;
import dev.patchbay.engine.connections.NewConnection;
import dev.patchbay.engine.definitions.AuthTypeDefinition;
import dev.patchbay.engine.definitions.FieldDefinition;
import dev.patchbay.engine.definitions.ScopeDefinition;
import dev.patchbay.engine.plugins.PluginReport;
import dev.patchbay.engine.secrets.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Patchbay runtime per test, with the plugin under test loaded through PF4J as an installed zip would be, a
 * {@link MockWebServer} standing in for the provider's API and a {@link FakeOAuthServer} for its OAuth endpoints.
 *
 * <pre>{@code
 * @RegisterExtension
 * final PatchbayExtension patchbay = PatchbayExtension.forBuild();
 *
 * @Test
 * void getsAnItem() throws Exception {
 *   String connection = patchbay.connect("oauth", "{\"id\": \"u1\", \"email\": \"ann@example.com\"}");
 *   patchbay.provider().enqueue(PatchbayExtension.json(200, "{\"id\": \"42\"}"));
 *
 *   Outcome outcome = patchbay.activities().run("acme/items.get", connection, "{\"id\": \"42\"}");
 *
 *   assertEquals("42", outcome.output().path("id").asString());
 *   assertEquals("/items/42", patchbay.provider().takeRequest().getUrl().encodedPath());
 * }
 * }</pre>
 *
 * <p>A plugin that fails to load fails the test with the runtime's reason. Every auth type's client credentials are
 * test values: operator apps are configured, fields entered as {@code test-<field name>}.
 */
public final class PatchbayExtension implements BeforeEachCallback, AfterEachCallback {

  private final PluginUnderTest plugin;
  private Path home;
  private PatchbayRuntime runtime;
  private MockWebServer provider;
  private FakeOAuthServer oauth;
  private int connections;

  private PatchbayExtension(PluginUnderTest plugin) {
    this.plugin = plugin;
  }

  /** Tests the plugin of the project being built (its classes; no zip needed, so it runs in {@code mvn test}). */
  public static PatchbayExtension forBuild() {
    return new PatchbayExtension(PluginUnderTest.fromBuild());
  }

  /** Tests the given plugin. */
  public static PatchbayExtension forPlugin(PluginUnderTest plugin) {
    return new PatchbayExtension(plugin);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    stop();
  }

  /** Starts the runtime, the provider and the OAuth server; {@link #beforeEach} does it for JUnit tests. */
  public void start() throws IOException {
    home = Files.createTempDirectory("patchbay-test-");
    Path plugins = Files.createDirectories(home.resolve("plugins"));
    plugin.writeTo(plugins);
    provider = new MockWebServer();
    provider.start(java.net.InetAddress.getLoopbackAddress(), 0);
    oauth = new FakeOAuthServer();
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    runtime = PatchbayRuntime.builder()
        .home(new PatchbayHome(home))
        .environment(Map.of("PATCHBAY_MASTER_KEY", Base64.getEncoder().encodeToString(key)))
        .pluginRoots(List.of(plugins))
        .start();
    List<PluginReport> failed = runtime.catalog().failedPlugins();
    if (!failed.isEmpty()) {
      String reasons = failed.stream().map(report -> report.fileName() + ": " + report.error()).toList().toString();
      stop();
      throw new AssertionError("the plugin under test did not load: " + reasons);
    }
    List<String> scopes = new ArrayList<>();
    for (CatalogEntry entry : runtime.catalog().connectors()) {
      // Owner-only, as the runtime requires of every file holding a secret.
      OwnerOnlyFiles.createFolders(home.resolve("config"));
      OwnerOnlyFiles.writeAtomically(home.resolve("config").resolve(entry.id() + ".properties"),
          "clientId=test-client-id\nclientSecret=test-client-secret\n".getBytes(StandardCharsets.UTF_8));
      entry.definition().scopes().stream().map(ScopeDefinition::name).forEach(scopes::add);
    }
    oauth.grantScopes(scopes);
  }

  /** Stops everything {@link #start} started and deletes the runtime's home. */
  public void stop() {
    if (runtime != null) {
      runtime.close();
      runtime = null;
    }
    if (provider != null) {
      provider.close();
      provider = null;
    }
    if (oauth != null) {
      oauth.close();
      oauth = null;
    }
    if (home != null) {
      deleteRecursively(home);
      home = null;
    }
  }

  /** The runtime, for what the test kit does not wrap (workflows, catalog, plugins). */
  public PatchbayRuntime runtime() {
    if (runtime == null) {
      throw new IllegalStateException("the runtime runs only during a test: register the extension with "
          + "@RegisterExtension");
    }
    return runtime;
  }

  /** The provider's API: enqueue its answers, take the requests the plugin sent. */
  public MockWebServer provider() {
    runtime();
    return provider;
  }

  /** The provider's OAuth endpoints, with their scenario switches. */
  public FakeOAuthServer oauth() {
    runtime();
    return oauth;
  }

  /** Runs activities through the runtime. */
  public TestActivities activities() throws ConnectorException {
    return new TestActivities(runtime().activities());
  }

  /**
   * Connects the plugin's only connector with one of its auth types, through the real flow against the fake OAuth
   * server (the sign-in approved at once), and answers the auth handler's identify request with
   * {@code identityAnswer}. The identify request is taken off the provider, so the test sees only its own.
   *
   * @return the new connection's name
   */
  public String connect(String authTypeId, String identityAnswer) throws ConnectorException, InterruptedException {
    return connect(onlyConnector(), authTypeId, identityAnswer, Map.of());
  }

  /**
   * Connects {@code connectorId} with {@code authTypeId}; {@code fields} replace the test values of the fields the
   * auth type asks for (secret ones too).
   */
  public String connect(String connectorId, String authTypeId, String identityAnswer, Map<String, String> fields)
      throws ConnectorException, InterruptedException {
    AuthTypeDefinition type = runtime().connections().authType(connectorId, authTypeId);
    Map<String, String> publicFields = new LinkedHashMap<>();
    Map<String, Secret> secretFields = new LinkedHashMap<>();
    for (FieldDefinition field : type.fieldList()) {
      String value = fields.getOrDefault(field.name(), "test-" + field.name());
      if (field.secret()) {
        secretFields.put(field.name(), Secret.of(value));
      } else {
        publicFields.put(field.name(), value);
      }
    }
    String name = authTypeId + "-" + (++connections);
    int before = provider.getRequestCount();
    provider.enqueue(json(200, identityAnswer));
    String baseUrl = provider.url("/").toString().replaceAll("/$", "");
    runtime.connections().add(new NewConnection(connectorId, authTypeId, name, publicFields, secretFields, baseUrl,
        oauth.authorizeUrl(), oauth.tokenUrl(), null), new UnattendedBrowser(new OkHttpClient()));
    if (provider.getRequestCount() == before) {
      throw new AssertionError("the auth handler of " + connectorId + "/" + authTypeId + " asked the provider "
          + "nothing, so identityAnswer was not used and would answer the test's first request");
    }
    provider.takeRequest(1, TimeUnit.SECONDS);
    return name;
  }

  /** A JSON answer for the provider or the OAuth server. */
  public static MockResponse json(int status, String body) {
    return FakeOAuthServer.json(status, body);
  }

  /** Whether connections of {@code authTypeId} use the operator's app, whose client is not the connection's own. */
  public boolean usesOperatorApp(String authTypeId) throws ConnectorException {
    return runtime().connections().authType(onlyConnector(), authTypeId).clientCredentials()
        != AuthTypeDefinition.ClientCredentials.FIELDS;
  }

  private String onlyConnector() {
    List<String> ids = runtime().catalog().connectors().stream().map(CatalogEntry::id).toList();
    if (ids.size() != 1) {
      throw new IllegalStateException("the plugin has connectors " + ids + ": name the one to connect");
    }
    return ids.get(0);
  }

  private static void deleteRecursively(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the test runtime's home " + folder, e);
    }
  }
}
