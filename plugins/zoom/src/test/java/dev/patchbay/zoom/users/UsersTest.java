package dev.patchbay.zoom.users;

import static dev.patchbay.zoom.testing.Json.assertJson;
import static dev.patchbay.zoom.testing.Json.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.zoom.testing.RecordingHttp;
import dev.patchbay.zoom.testing.RecordingHttp.Send;
import dev.patchbay.zoom.testing.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsersTest {

  private static final String USER = """
      {"id":"KDcuGIm1QgePTO8WbOqwIQ","account_id":"D8cJuqWVQ623CI4Q8yQK0Q","email":"jchill@example.com",
       "first_name":"Jill","last_name":"Chill","display_name":"Jill Chill","type":2,"pmi":3542471135}""";

  @Test
  void getCurrentReadsMeAndReturnsTheUserAsZoomSendsIt() throws Exception {
    RecordingHttp http = new RecordingHttp().respond(USER);

    var output = new GetCurrentUser().execute(TestContext.of("{}", http));

    assertJson(json(USER), output);
    assertEquals(List.of(new Send("GET", "/users/me", Map.of(), null)), http.calls());
  }

  @Test
  void getEncodesTheUserIdOnceInThePath() throws Exception {
    RecordingHttp http = new RecordingHttp().respond(USER);

    var output = new GetUser().execute(TestContext.of("{\"userId\":\"jchill@example.com\"}", http));

    assertJson(json(USER), output);
    assertEquals(List.of(new Send("GET", "/users/jchill%40example.com", Map.of(), null)), http.calls());
  }

  @Test
  void getWithoutUserIdIsInvalidInputAndSendsNothing() {
    RecordingHttp http = new RecordingHttp();

    ConnectorException e =
        assertThrows(ConnectorException.class, () -> new GetUser().execute(TestContext.of("{}", http)));

    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    assertEquals(List.of(), http.calls());
  }

  @Test
  void providerErrorsPassThroughUnchanged() {
    RecordingHttp http = new RecordingHttp().fail(ErrorCode.NOT_FOUND, "User does not exist: nobody");

    ConnectorException e = assertThrows(ConnectorException.class,
        () -> new GetUser().execute(TestContext.of("{\"userId\":\"nobody\"}", http)));

    assertEquals(ErrorCode.NOT_FOUND, e.code());
    assertEquals("User does not exist: nobody", e.getMessage());
  }
}
