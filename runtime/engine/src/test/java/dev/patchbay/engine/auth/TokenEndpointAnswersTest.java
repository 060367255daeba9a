package dev.patchbay.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.patchbay.engine.secrets.Secret;
import java.time.Clock;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How a token endpoint's HTTP 200 answers are read: a token, a refusal in a 200, or neither. */
class TokenEndpointAnswersTest {

  private final MockWebServer server = new MockWebServer();
  private TokenEndpoint endpoint;

  @BeforeEach
  void start() throws Exception {
    server.start();
    endpoint = new TokenEndpoint(new OkHttpClient(), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private TokenEndpointException refusalOf(String body) {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body)
        .build());
    return assertThrows(TokenEndpointException.class, () -> endpoint.exchangeCode(server.url("/token").toString(),
        "client", Secret.of("CANARY-secret"), "CANARY-code", "http://127.0.0.1/callback", null));
  }

  @Test
  void anErrorInA200IsARefusalWithTheProvidersCode() {
    TokenEndpointException e = refusalOf("{\"error\":\"bad_verification_code\",\"error_description\":\"The code "
        + "passed is incorrect or expired.\"}");

    assertEquals(200, e.httpStatus());
    assertEquals("bad_verification_code", e.error());
    assertEquals("The code passed is incorrect or expired.", e.reason());
    assertFalse(e.getMessage().contains("CANARY"), e.getMessage());
  }

  @Test
  void okFalseIsARefusalEvenWithoutAnError() {
    TokenEndpointException e = refusalOf("{\"ok\":false}");

    assertNull(e.error());
    assertEquals("the token endpoint refused the request (HTTP 200)", e.getMessage());
  }

  @Test
  void okTrueWithoutATokenSaysSo() {
    TokenEndpointException e = refusalOf("{\"ok\":true,\"team\":{\"id\":\"T1\"}}");

    assertNull(e.error());
    assertEquals("the token endpoint's answer has no access_token", e.getMessage());
  }

  @Test
  void withoutPkceNoVerifierIsSent() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"access_token\":\"CANARY-at\",\"token_type\":\"bot\"}")
        .build());

    TokenResponse response = endpoint.exchangeCode(server.url("/token").toString(), "client", Secret.of("s"), "c1",
        "http://127.0.0.1/callback", null);

    assertEquals("grant_type=authorization_code&code=c1&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback",
        server.takeRequest().getBody().utf8());
    assertNull(response.expiresAt(), "no expires_in: the token lasts until revoked");
    assertNull(response.refreshToken());
  }
}
