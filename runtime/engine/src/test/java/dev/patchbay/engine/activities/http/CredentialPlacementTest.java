package dev.patchbay.engine.activities.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.patchbay.engine.definitions.AuthTypeDefinition;
import dev.patchbay.engine.secrets.Secret;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/** Where a pasted key goes, and that a key in the query goes to the connection's API origin only. */
class CredentialPlacementTest {

  private static final Secret KEY = Secret.of("canary-key");

  private static AuthTypeDefinition apiKey(String in) {
    return new AuthTypeDefinition("key", AuthTypeDefinition.Kind.API_KEY, "Key", "A key.", null, null, null, false,
        null, null, new AuthTypeDefinition.ApiKey(in, in.equals("query") ? "api_key" : "X-Api-Key", null), null, null, null,
        false, null, null);
  }

  private static Request get(String url) {
    return new Request.Builder().url(url).build();
  }

  @Test
  void aQueryKeyGoesToTheApiOriginOnly() {
    CredentialPlacement placement = CredentialPlacement.of(apiKey("query"), "https://api.example.test/v1");

    assertEquals("canary-key",
        placement.apply(get("https://api.example.test/v1/things?a=1"), placement.value(KEY)).url().queryParameter("api_key"));
    for (String elsewhere : new String[] {"https://files.example.test/v1/a", "http://api.example.test/v1/a",
        "https://api.example.test:8443/v1/a"}) {
      assertNull(placement.apply(get(elsewhere), placement.value(KEY)).url().queryParameter("api_key"), elsewhere);
    }
  }

  @Test
  void aHeaderKeyGoesWithEveryRequestAsBearerTokensDo() {
    CredentialPlacement placement = CredentialPlacement.of(apiKey("header"), "https://api.example.test/v1");

    assertEquals("canary-key", placement.apply(get("https://files.example.test/a"), placement.value(KEY)).header("X-Api-Key"));
  }
}
