package dev.patchbay.zoom;

import static dev.patchbay.zoom.testing.Json.assertJson;
import static dev.patchbay.zoom.testing.Json.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.zoom.auth.AuthorizationCodeHandler;
import dev.patchbay.zoom.auth.ServerToServerHandler;
import dev.patchbay.zoom.testing.RecordingHttp;
import dev.patchbay.zoom.testing.RecordingHttp.Paginate;
import dev.patchbay.zoom.testing.TestContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pf4j.Extension;

class ZoomConnectorTest {

  @Test
  void isAPf4jExtensionWithThePublicConstructorPf4jCalls() throws Exception {
    assertTrue(ZoomConnector.class.isAnnotationPresent(Extension.class));
    assertEquals("zoom", ZoomConnector.class.getConstructor().newInstance().id());
  }

  @Test
  void implementsEveryOperationAndAuthTypeOfTheDefinition() {
    ZoomConnector connector = new ZoomConnector();

    assertEquals(Set.of("users.getCurrent", "users.get", "meetings.create", "meetings.get", "meetings.list",
        "meetings.update", "meetings.delete", "meetings.end", "recordings.list", "recordings.get",
        "recordings.download", "recordings.delete"), connector.activities().keySet());
    assertEquals(Set.of("oauth", "byo-oauth", "server-to-server"), connector.authHandlers().keySet());
    assertInstanceOf(AuthorizationCodeHandler.class, connector.authHandlers().get("oauth"));
    assertSame(connector.authHandlers().get("oauth"), connector.authHandlers().get("byo-oauth"));
    assertInstanceOf(ServerToServerHandler.class, connector.authHandlers().get("server-to-server"));
  }

  @Test
  void recordingsListTakesTodayFromTheGivenClock() throws Exception {
    ZoomConnector connector = new ZoomConnector(Clock.fixed(Instant.parse("2026-06-30T12:00:00Z"), ZoneOffset.UTC));
    RecordingHttp http = new RecordingHttp().page("[]").page("[]");

    var output = connector.activities().get("recordings.list").execute(TestContext.of("{}", http));

    assertJson(json("{\"from\":\"2026-05-31\",\"to\":\"2026-06-30\",\"meetings\":[]}"), output);
    assertEquals(List.of(
        new Paginate("GET", "/users/me/recordings", Map.of("from", "2026-05-31", "to", "2026-06-29", "page_size", "300"),
            1000),
        new Paginate("GET", "/users/me/recordings", Map.of("from", "2026-06-30", "to", "2026-06-30", "page_size", "300"),
            1000)), http.calls());
  }
}
