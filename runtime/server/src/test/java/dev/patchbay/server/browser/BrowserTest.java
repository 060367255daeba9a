package dev.patchbay.server.browser;

import dev.patchbay.engine.json.Json;
import dev.patchbay.server.SandboxServer;
import dev.patchbay.server.ServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class of the console in a real browser: one sandbox server ({@link SandboxServer}: the Zoom plugin loaded,
 * a connection to the Zoom sandbox) and one headless Chromium for the whole class, since starting them is most of
 * what a browser test costs. Skipped ({@link ChromiumInstalled}) with the packages to install when Chromium or
 * chromedriver is not there. On a failure, {@link FailureCapture} keeps the page's screenshot and source under
 * {@code target/browser-failures}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith({ChromiumInstalled.class, FailureCapture.class})
public abstract class BrowserTest {

  protected SandboxServer server;
  protected ConsoleBrowser browser;

  @BeforeAll
  void startServerAndBrowser() {
    server = SandboxServer.start(options());
    browser = ConsoleBrowser.start(baseUrl());
  }

  @AfterAll
  void stopServerAndBrowser() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  /** How the class's server listens and what it serves: loopback, any free port. */
  protected ServerOptions options() {
    return ServerOptions.defaults().withPort(0);
  }

  /** Signs in with the server's API token and waits for the page it leads to, the connectors. */
  protected void signIn() {
    browser.signIn(server.token);
    browser.waitForHeading("Connectors");
  }

  /**
   * The server's address, {@code http://127.0.0.1:PORT}: always the IP, like the sandbox's, so that the server and
   * the sandbox's consent page are the same site and the SameSite=Strict session cookie comes back with redirects.
   */
  protected String baseUrl() {
    return "http://127.0.0.1:" + server.server.port();
  }

  /** Runs a workflow (its JSON) through {@code POST /api/runs}, as a program would, and answers the run's id. */
  protected String runWorkflow(String workflowJson) {
    try {
      HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl()
          + "/api/runs")).header("Authorization", "Bearer " + server.token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"workflow\":" + workflowJson + "}")).build(),
          HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("POST /api/runs: " + answer.statusCode() + " " + answer.body());
      }
      return Json.MAPPER.readTree(answer.body()).path("id").asString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
