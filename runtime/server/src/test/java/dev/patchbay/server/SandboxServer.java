package dev.patchbay.server;

import dev.patchbay.api.SandboxOptions;
import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.sandbox.SandboxSession;
import dev.patchbay.engine.webhooks.EventHandler;
import dev.patchbay.server.access.ApiTokenFile;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A server in sandbox mode for tests: a temporary {@code PATCHBAY_HOME} holding the built Zoom plugin zip, a runtime
 * connected to the Zoom sandbox, and the server on an ephemeral loopback port. What the browser tests in
 * {@code dev.patchbay.server.browser} use of it is public.
 */
public final class SandboxServer implements AutoCloseable {

  final Path home;
  final PatchbayRuntime runtime;
  public final String token;
  public final PatchbayServer server;
  final Api api;

  private SandboxServer(Path home, PatchbayRuntime runtime, String token, PatchbayServer server) {
    this.home = home;
    this.runtime = runtime;
    this.token = token;
    this.server = server;
    this.api = new Api("http://127.0.0.1:" + server.port(), token);
  }

  public static SandboxServer start() {
    return start(ServerOptions.defaults().withPort(0));
  }

  public static SandboxServer start(ServerOptions options) {
    return start(options, null);
  }

  /** What handles the webhook events of a test's server, made once its runtime is connected to the sandbox. */
  @FunctionalInterface
  interface Events {
    EventHandler of(PatchbayRuntime runtime) throws Exception;
  }

  /** @param events null for the server's default (nothing runs on events) */
  static SandboxServer start(ServerOptions options, Events events) {
    try {
      Path home = Files.createTempDirectory("patchbay-server-test-");
      Files.createDirectories(home.resolve("plugins"));
      Path zip = zoomZip();
      Files.copy(zip, home.resolve("plugins").resolve(zip.getFileName()));
      PatchbayRuntime runtime = PatchbayRuntime.builder().home(new PatchbayHome(home))
          .environment(Map.of(PatchbayHome.ENV, home.toString())).start();
      runtime.openSandbox("zoom", "oauth", SandboxOptions.defaults());
      String token = new ApiTokenFile(PatchbayServer.serverFolder(runtime)).loadOrCreate().token();
      PatchbayServer server = events == null ? PatchbayServer.start(runtime, token, options)
          : PatchbayServer.start(runtime, token, options, events.of(runtime));
      return new SandboxServer(home, runtime, token, server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("the sandbox server did not start", e);
    }
  }

  static Path zoomZip() throws IOException {
    Path folder = Path.of(System.getProperty("patchbay.test.plugins", "target/test-plugins"));
    try (DirectoryStream<Path> zips = Files.newDirectoryStream(folder, "zoom-*.zip")) {
      for (Path zip : zips) {
        return zip;
      }
    }
    throw new IllegalStateException("no zoom-*.zip in " + folder + "; run the build (mvn verify)");
  }

  public SandboxSession sandbox() {
    return runtime.sandbox();
  }

  public String sandboxConnection() {
    return sandbox().connection().name();
  }

  /** Changes the Zoom sandbox's settings and faults through its control endpoint. */
  public void control(String json) {
    sandboxPost("/_sandbox/control", json);
  }

  /** Posts to one of the sandbox's own endpoints and gives its JSON answer, which must be 200. */
  JsonNode sandboxPost(String path, String json) {
    try {
      URI uri = URI.create(sandbox().running().baseUrl()).resolve(path);
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("sandbox " + path + " " + json + ": " + response.statusCode() + " "
            + response.body());
      }
      return Json.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** How many requests the sandbox has received on paths starting with the prefix (delayed ones included). */
  int sandboxRequests(String pathPrefix) {
    try {
      URI uri = URI.create(sandbox().running().baseUrl()).resolve("/_sandbox/requests?pathPrefix=" + pathPrefix);
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
          HttpResponse.BodyHandlers.ofString());
      return Json.MAPPER.readTree(response.body()).path("count").asInt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits (up to 10 s) until the sandbox received more than {@code before} requests on the prefix. */
  void awaitSandboxRequest(String pathPrefix, int before) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (sandboxRequests(pathPrefix) <= before) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the sandbox received no request on " + pathPrefix);
      }
      Thread.sleep(20);
    }
  }

  /** Nothing the server answered holds a client secret, a token of the connection, or the API token. */
  void assertNoSecretIn(List<String> answers) throws Exception {
    SandboxSession sandbox = sandbox();
    List<String> secrets = new ArrayList<>();
    for (String authType : List.of("oauth", "byo-oauth", "server-to-server")) {
      Map<String, String> fields = SandboxSession.fieldsOf(sandbox.running(), authType);
      if (fields.get("clientSecret") != null) {
        secrets.add(fields.get("clientSecret"));
      }
    }
    secrets.add(runtime.connections().tokens(sandbox.connection()).current().reveal());
    secrets.add(token);
    assertTrue(answers.size() > 20);
    for (String answer : answers) {
      for (String secret : secrets) {
        assertFalse(answer.contains(secret), "a secret in an answer: " + answer);
      }
    }
  }

  @Override
  public void close() {
    server.close();
    runtime.close();
    try (var paths = Files.walk(home)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
