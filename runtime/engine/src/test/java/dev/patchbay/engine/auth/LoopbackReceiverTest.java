package dev.patchbay.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackReceiverTest {

  static final String STATE = "sssssssssssssssssssssssssssssssssssssssssss";

  LoopbackReceiver receiver;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    receiver = new LoopbackReceiver(0, STATE);
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  HttpResponse<String> get(String pathAndQuery) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + receiver.address().getPort() + pathAndQuery);
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void bindsToLoopbackOnly() {
    assertTrue(receiver.address().getAddress().isLoopbackAddress());
    assertTrue(receiver.redirectUri().matches("http://127\\.0\\.0\\.1:\\d+/callback"));
  }

  @Test
  void validCallbackGivesTheCodeAndTheTabCanBeClosed() throws Exception {
    HttpResponse<String> response = get("/callback?code=abc&state=" + STATE);

    assertEquals(200, response.statusCode());
    assertTrue(response.body().contains("You may close this tab."));
    // Issue 16, item 7: the code is not redeemed yet, so the page does not claim a connection.
    assertTrue(response.body().contains("<title>Patchbay: Sign-in received</title>"), response.body());
    assertTrue(response.body().contains("the terminal says whether the connection was added"), response.body());
    assertTrue(!response.body().contains("Connected"), response.body());
    assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElse(""));
    assertEquals("abc", receiver.awaitCode(Duration.ofSeconds(1)));
    assertThrows(java.net.ConnectException.class, () -> new java.net.Socket("127.0.0.1",
        receiver.address().getPort()).close());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/callback?code=abc",
      "/callback?code=abc&state=wrong",
      "/callback?code=abc&state=" + STATE + "&state=" + STATE,
      "/callback?code=abc&code=def&state=" + STATE,
      "/callback?state=" + STATE})
  void badCallbacksAreRejectedAndTheFlowGoesOn(String pathAndQuery) throws Exception {
    assertEquals(400, get(pathAndQuery).statusCode());

    get("/callback?code=good&state=" + STATE);
    assertEquals("good", receiver.awaitCode(Duration.ofSeconds(1)));
  }

  @Test
  void otherPathsAreNotFound() throws Exception {
    assertEquals(404, get("/elsewhere?code=abc&state=" + STATE).statusCode());
  }

  @Test
  void aReusedStateIsRejected() throws Exception {
    get("/callback?code=first&state=" + STATE);
    assertEquals(400, get("/callback?code=second&state=" + STATE).statusCode());
    assertEquals("first", receiver.awaitCode(Duration.ofSeconds(1)));
  }

  @Test
  void errorCallbackEndsTheFlowWithTheErrorEscapedOnThePage() throws Exception {
    HttpResponse<String> response = get("/callback?error=%3Cscript%3E&state=" + STATE);

    assertTrue(response.body().contains("&lt;script&gt;"));
    AuthorizationRefusedException e = assertThrows(AuthorizationRefusedException.class,
        () -> receiver.awaitCode(Duration.ofSeconds(1)));
    assertEquals("<script>", e.error());
  }

  @Test
  void noCallbackTimesOut() {
    AuthorizationRefusedException e = assertThrows(AuthorizationRefusedException.class,
        () -> receiver.awaitCode(Duration.ofMillis(50)));
    assertEquals("timeout", e.error());
  }
}
