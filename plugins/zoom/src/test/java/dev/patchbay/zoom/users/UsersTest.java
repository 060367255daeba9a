package dev.patchbay.zoom.users;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.ActivityError;
import dev.patchbay.engine.json.Json;
import dev.patchbay.testkit.Outcome;
import dev.patchbay.testkit.PatchbayExtension;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The users operations through the runtime: the input checks, the request on the wire, Zoom's errors mapped. */
class UsersTest {

  private static final String USER = """
      {"id":"KDcuGIm1QgePTO8WbOqwIQ","account_id":"D8cJuqWVQ623CI4Q8yQK0Q","email":"jchill@example.com",
       "first_name":"Jill","last_name":"Chill","display_name":"Jill Chill","type":2,"pmi":3542471135}""";

  @RegisterExtension
  final PatchbayExtension patchbay = PatchbayExtension.forBuild();

  String connection;

  @BeforeEach
  void connect() throws Exception {
    connection = patchbay.connect("server-to-server", USER);
  }

  @Test
  void getCurrentReadsMeAndReturnsTheUserAsZoomSendsIt() throws Exception {
    patchbay.provider().enqueue(PatchbayExtension.json(200, USER));

    Outcome outcome = patchbay.activities().run("zoom/users.getCurrent", connection, "{}");

    assertEquals(Json.MAPPER.readTree(USER), outcome.output());
    assertEquals("GET /users/me", request());
  }

  @Test
  void getEncodesTheUserIdOnceInThePath() throws Exception {
    patchbay.provider().enqueue(PatchbayExtension.json(200, USER));

    Outcome outcome = patchbay.activities().run("zoom/users.get", connection, "{\"userId\":\"jchill@example.com\"}");

    assertEquals(Json.MAPPER.readTree(USER), outcome.output());
    assertEquals("GET /users/jchill%40example.com", request());
  }

  @Test
  void getWithoutUserIdIsInvalidInputAndSendsNothing() throws Exception {
    Outcome outcome = patchbay.activities().run("zoom/users.get", connection, "{}");

    assertEquals(ErrorCode.INVALID_INPUT, outcome.errorCode());
    assertEquals(1, patchbay.provider().getRequestCount(), "only the connection's identify request");
  }

  @Test
  void zoomsUserNotFoundIsNotFoundWithZoomsCodeAndMessage() throws Exception {
    patchbay.provider().enqueue(PatchbayExtension.json(404, "{\"code\":1001,\"message\":\"User does not exist: nobody\"}"));

    ActivityError error = patchbay.activities().run("zoom/users.get", connection, "{\"userId\":\"nobody\"}").error();

    assertEquals(ErrorCode.NOT_FOUND, error.code());
    assertEquals("1001", error.details().get(ActivityError.PROVIDER_CODE));
    assertEquals("User does not exist: nobody", error.details().get(ActivityError.PROVIDER_MESSAGE));
  }

  private String request() throws InterruptedException {
    RecordedRequest request = patchbay.provider().takeRequest();
    return request.getMethod() + " " + request.getTarget();
  }
}
