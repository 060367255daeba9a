package dev.patchbay.zoom.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ConnectionIdentity;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.zoom.testing.RecordingHttp;
import dev.patchbay.zoom.testing.RecordingHttp.Send;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthHandlersTest {

  @Test
  void serverToServerAsksForAnAccountCredentialsToken() {
    Map<String, String> parameters = new ServerToServerHandler()
        .tokenRequestParameters(Map.of("accountId", " D8cJuqWVQ623CI4Q8yQK0Q ", "clientId", "abc"));

    assertEquals(Map.of("grant_type", "account_credentials", "account_id", "D8cJuqWVQ623CI4Q8yQK0Q"), parameters);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "  "})
  void serverToServerWithoutAnAccountIdSaysWhichFieldIsMissing(String accountId) {
    Map<String, String> fields = new HashMap<>();
    fields.put("accountId", accountId);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ServerToServerHandler().tokenRequestParameters(fields));

    assertTrue(e.getMessage().contains("accountId"), e.getMessage());
  }

  @Test
  void userAuthorizedTypesAddNoTokenParameters() {
    assertEquals(Map.of(), new AuthorizationCodeHandler().tokenRequestParameters(Map.of("clientId", "abc")));
  }

  @Test
  void identifyReadsMe() throws Exception {
    RecordingHttp http = new RecordingHttp().respond("""
        {"id":"KDcuGIm1QgePTO8WbOqwIQ","account_id":"D8cJuqWVQ623CI4Q8yQK0Q","email":"jchill@example.com",
         "first_name":"Jill","last_name":"Chill","display_name":"Jill C."}""");

    ConnectionIdentity identity = new AuthorizationCodeHandler().identify(http);

    assertEquals(new ConnectionIdentity("D8cJuqWVQ623CI4Q8yQK0Q", "KDcuGIm1QgePTO8WbOqwIQ", "Jill C.",
        "jchill@example.com"), identity);
    assertEquals(List.of(new Send("GET", "/users/me", Map.of(), null)), http.calls());
  }

  @Test
  void withoutADisplayNameTheFirstAndLastNameAreShown() throws Exception {
    RecordingHttp http = new RecordingHttp().respond("""
        {"id":"u1","account_id":"a1","email":"jchill@example.com","first_name":"Jill","last_name":"Chill",
         "display_name":" "}""");

    assertEquals(new ConnectionIdentity("a1", "u1", "Jill Chill", "jchill@example.com"),
        new ServerToServerHandler().identify(http));
  }

  @Test
  void withoutAnyNameTheEmailIsShownAndAMissingEmailIsNull() throws Exception {
    RecordingHttp http = new RecordingHttp()
        .respond("{\"id\":\"u1\",\"account_id\":\"a1\",\"email\":\"jchill@example.com\"}")
        .respond("{\"id\":\"u2\",\"account_id\":\"a1\",\"last_name\":\"Chill\"}");
    AuthorizationCodeHandler handler = new AuthorizationCodeHandler();

    assertEquals(new ConnectionIdentity("a1", "u1", "jchill@example.com", "jchill@example.com"),
        handler.identify(http));
    assertEquals(new ConnectionIdentity("a1", "u2", "Chill", null), handler.identify(http));
  }

  @Test
  void anAnswerWithoutAccountIsAnUpstreamError() {
    RecordingHttp http = new RecordingHttp().respond("{\"id\":\"u1\",\"email\":\"jchill@example.com\"}");

    ConnectorException e =
        assertThrows(ConnectorException.class, () -> new AuthorizationCodeHandler().identify(http));

    assertEquals(ErrorCode.UPSTREAM_ERROR, e.code());
  }
}
