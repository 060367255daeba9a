package dev.patchbay.zoom.sandbox;

import static dev.patchbay.zoom.sandbox.SandboxFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /_sandbox/webhooks} refuses what it cannot send, naming why, before anything goes out. */
class WebhookSenderTest {

  SandboxFixture zoom;

  @BeforeEach
  void start() throws Exception {
    zoom = SandboxFixture.start();
  }

  @AfterEach
  void stop() {
    zoom.close();
  }

  private HttpResponse<String> send(String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(zoom.uri("/_sandbox/webhooks"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aUrlThatIsNotHttpIsRefused() throws Exception {
    HttpResponse<String> refused = send("{\"url\":\"file:///etc/passwd\",\"secretToken\":\"s\","
        + "\"event\":\"endpoint.url_validation\"}");

    assertEquals(400, refused.statusCode());
    assertEquals("the webhook could not be delivered to file:///etc/passwd: 'url' must be an http(s) URL, not "
        + "file:///etc/passwd", json(refused).path("error").asString());
  }

  @Test
  void moreThanTenDeliveriesAreRefused() throws Exception {
    HttpResponse<String> refused = send("{\"url\":\"http://127.0.0.1:9/x\",\"secretToken\":\"s\","
        + "\"event\":\"endpoint.url_validation\",\"times\":11}");

    assertEquals(400, refused.statusCode());
    assertEquals("times must be 1 to 10", json(refused).path("error").asString());
  }
}
