package dev.patchbay.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

  /** A request whose answer comes later: the callback's page waits for the sign-in's outcome. */
  CompletableFuture<HttpResponse<String>> getLater(String pathAndQuery) {
    URI uri = URI.create("http://127.0.0.1:" + receiver.address().getPort() + pathAndQuery);
    return http.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Issue 16, item 7: the page tells the outcome the terminal tells, once the code is redeemed. */
  @Test
  void validCallbackGivesTheCodeAndThePageTellsTheOutcome() throws Exception {
    CompletableFuture<HttpResponse<String>> page = getLater("/callback?code=abc&state=" + STATE);

    assertEquals("abc", receiver.awaitCode(Duration.ofSeconds(5)));
    assertFalse(page.isDone(), "the page waits for the outcome");
    receiver.answer(true, "Connection 'work' (zoom, oauth) is ACTIVE and acts as ada@example.test.");
    HttpResponse<String> response = page.get(10, TimeUnit.SECONDS);

    assertEquals(200, response.statusCode());
    assertTrue(response.body().contains("<title>Patchbay: Connected</title>"), response.body());
    assertTrue(response.body().contains("Connection &#39;work&#39; (zoom, oauth) is ACTIVE and acts as "
        + "ada@example.test. You may close this tab."), response.body());
    assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElse(""));
    receiver.close();
    assertThrows(java.net.ConnectException.class, () -> new java.net.Socket("127.0.0.1",
        receiver.address().getPort()).close());
  }

  @Test
  void aFailedExchangeIsToldOnThePageInPlainWords() throws Exception {
    CompletableFuture<HttpResponse<String>> page = getLater("/callback?code=abc&state=" + STATE);
    receiver.awaitCode(Duration.ofSeconds(5));

    receiver.answer(false, "INVALID_INPUT: could not connect: invalid_client. Check the Client Secret.");

    String body = page.get(10, TimeUnit.SECONDS).body();
    assertTrue(body.contains("<title>Patchbay: Could not connect</title>"), body);
    assertTrue(body.contains("invalid_client. Check the Client Secret. The terminal says the same."), body);
    assertFalse(body.contains("Connected"), body);
  }

  @Test
  void aPageStillWaitingWhenTheReceiverClosesIsSentToTheTerminal() throws Exception {
    CompletableFuture<HttpResponse<String>> page = getLater("/callback?code=abc&state=" + STATE);
    receiver.awaitCode(Duration.ofSeconds(5));

    receiver.close();

    String body = page.get(10, TimeUnit.SECONDS).body();
    assertTrue(body.contains("the terminal says whether the connection was added"), body);
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

    getLater("/callback?code=good&state=" + STATE);
    assertEquals("good", receiver.awaitCode(Duration.ofSeconds(5)));
  }

  @Test
  void otherPathsAreNotFound() throws Exception {
    assertEquals(404, get("/elsewhere?code=abc&state=" + STATE).statusCode());
  }

  @Test
  void aReusedStateIsRejected() throws Exception {
    getLater("/callback?code=first&state=" + STATE);
    assertEquals("first", receiver.awaitCode(Duration.ofSeconds(5)));
    assertEquals(400, get("/callback?code=second&state=" + STATE).statusCode());
  }

  @Test
  void errorCallbackEndsTheFlowWithTheErrorEscapedOnThePage() throws Exception {
    CompletableFuture<HttpResponse<String>> page = getLater("/callback?error=%3Cscript%3E&state=" + STATE);

    AuthorizationRefusedException e = assertThrows(AuthorizationRefusedException.class,
        () -> receiver.awaitCode(Duration.ofSeconds(5)));
    assertEquals("<script>", e.error());
    receiver.answer(false, "PERMISSION_DENIED: the provider refused: " + e.error());
    assertTrue(page.get(10, TimeUnit.SECONDS).body().contains("refused: &lt;script&gt;"));
  }

  @Test
  void noCallbackTimesOut() {
    AuthorizationRefusedException e = assertThrows(AuthorizationRefusedException.class,
        () -> receiver.awaitCode(Duration.ofMillis(50)));
    assertEquals("timeout", e.error());
  }
}
