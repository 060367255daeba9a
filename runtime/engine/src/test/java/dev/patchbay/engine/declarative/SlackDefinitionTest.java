package dev.patchbay.engine.declarative;

import static dev.patchbay.engine.declarative.DeclarativeWorld.json;
import static dev.patchbay.engine.declarative.DeclarativeWorld.names;
import static dev.patchbay.engine.declarative.DeclarativeWorld.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.ActivityError;
import dev.patchbay.engine.activities.ActivityResult;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.ConnectionStatus;
import dev.patchbay.engine.connections.NewConnection;
import dev.patchbay.engine.definitions.OperationDefinition;
import dev.patchbay.engine.secrets.Secret;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * connector-defs/slack.json, loaded as a bare definition with no code, against a MockWebServer serving answers
 * that pass Slack's OpenAPI document: the exact request of every operation (form fields for write methods, the
 * bot token as a bearer header), cursor pagination over three pages, and the ok:false errors inside HTTP 200. Without
 * the document (-Dslack.openapi.dir) every behaviour test still runs; only the checks against it are not made, which
 * {@link #everyOperationIsAMethodSlackDocumentsWithItsVerb} reports as its skip.
 */
class SlackDefinitionTest {

  private static final String TOKEN = "xoxb-CANARY-0123456789";
  private static final String AUTH_TEST = "{\"ok\":true,\"url\":\"https://acme.slack.com/\",\"team\":\"Acme\","
      + "\"user\":\"patchbay\",\"team_id\":\"T0123456789\",\"user_id\":\"U0123456789\",\"bot_id\":\"B0123456789\"}";
  private static final String MESSAGE = "{\"type\":\"message\",\"user\":\"U0123456789\",\"text\":\"%s\","
      + "\"ts\":\"%s\"}";

  @TempDir
  Path home;

  DeclarativeWorld world;
  SlackOpenApi openApi;

  @BeforeEach
  void connect() throws Exception {
    openApi = SlackOpenApi.load();
    world = new DeclarativeWorld(home, "slack.json");
    serve("auth.test", 200, AUTH_TEST, "x-oauth-scopes", "chat:write,channels:read,channels:history,reactions:write");
    Connection connection = world.connect("slack", "bot-token", "acme", "token", TOKEN);
    assertEquals("U0123456789", connection.identity().userId());
    assertEquals("T0123456789", connection.identity().accountId());
    assertEquals(Set.of("chat:write", "channels:read", "channels:history", "reactions:write"),
        connection.grantedScopes());
    RecordedRequest identify = world.request();
    assertEquals("GET /auth.test", identify.getMethod() + " " + target(identify));
    assertEquals("Bearer " + TOKEN, identify.getHeaders().get("Authorization"));
  }

  @AfterEach
  void close() {
    if (world != null) {
      world.close();
    }
  }

  /** Queues an answer after checking it against Slack's documented schema for the method. */
  private void serve(String method, int status, String answer, String... headers) {
    openApi.assertAnswer(method, answer);
    world.respond(status, answer, headers);
  }

  private static Map<String, String> form(RecordedRequest request) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : DeclarativeWorld.body(request).split("&")) {
      String[] parts = pair.split("=", 2);
      fields.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), URLDecoder.decode(parts[1],
          StandardCharsets.UTF_8));
    }
    return fields;
  }

  private static Map<String, String> query(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    Map<String, String> parameters = new LinkedHashMap<>();
    url.queryParameterNames().forEach(name -> parameters.put(name, url.queryParameter(name)));
    return parameters;
  }

  @Test
  void postMessageSendsFormFieldsAndMapsTheAnswer() throws Exception {
    serve("chat.postMessage", 200, "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1503435956.000247\","
        + "\"message\":" + String.format(MESSAGE, "Recording ready: Standup", "1503435956.000247") + "}");

    ActivityResult result = world.run("slack/chat.postMessage", "acme",
        "{\"channel\":\"C0123456789\",\"text\":\"Recording ready: Standup & more\"}");

    RecordedRequest request = world.request();
    assertEquals("POST /chat.postMessage", request.getMethod() + " " + target(request));
    assertTrue(request.getHeaders().get("Content-Type").startsWith("application/x-www-form-urlencoded"));
    assertEquals("Bearer " + TOKEN, request.getHeaders().get("Authorization"));
    assertEquals(Map.of("channel", "C0123456789", "text", "Recording ready: Standup & more"), form(request));
    openApi.assertParameters("chat.postMessage", form(request).keySet());
    assertEquals("1503435956.000247", result.output().path("ts").asString());
  }

  @Test
  void conversationsListFollowsTheCursorOverThreePages() throws Exception {
    String page = "{\"ok\":true,\"channels\":[{\"id\":\"%s\",\"name\":\"%s\",\"is_channel\":true}],"
        + "\"response_metadata\":{\"next_cursor\":\"%s\"}}";
    serve("conversations.list", 200, String.format(page, "C0000000001", "general", "dGVhbTpDMDAwMDAwMDAy"));
    serve("conversations.list", 200, String.format(page, "C0000000002", "random", "dGVhbTpDMDAwMDAwMDAz"));
    serve("conversations.list", 200, String.format(page, "C0000000003", "ops", ""));

    ActivityResult result = world.run("slack/conversations.list", "acme", "{\"maxItems\":50}");

    RecordedRequest first = world.request();
    assertEquals("GET /conversations.list?types=public_channel&exclude_archived=true&limit=50",
        first.getMethod() + " " + target(first));
    openApi.assertParameters("conversations.list", query(first).keySet());
    assertEquals("/conversations.list?types=public_channel&exclude_archived=true&limit=50"
        + "&cursor=dGVhbTpDMDAwMDAwMDAy", target(world.request()));
    assertEquals("/conversations.list?types=public_channel&exclude_archived=true&limit=50"
        + "&cursor=dGVhbTpDMDAwMDAwMDAz", target(world.request()));
    assertEquals(List.of("general", "random", "ops"), names(result.output().path("channels"), "name"));
    assertFalse(result.output().path("truncated").asBoolean());
  }

  @Test
  void conversationsHistoryCollectsMessages() throws Exception {
    serve("conversations.history", 200, "{\"ok\":true,\"messages\":[" + String.format(MESSAGE, "one",
        "1503435956.000247") + "," + String.format(MESSAGE, "two", "1503435957.000247") + "],\"has_more\":false,"
        + "\"pin_count\":0,\"channel_actions_ts\":null,\"channel_actions_count\":0}");

    ActivityResult result = world.run("slack/conversations.history", "acme",
        "{\"channel\":\"C0123456789\",\"oldest\":\"1503435900.000000\"}");

    RecordedRequest request = world.request();
    assertEquals("GET /conversations.history?channel=C0123456789&oldest=1503435900.000000&limit=200",
        request.getMethod() + " " + target(request));
    openApi.assertParameters("conversations.history", query(request).keySet());
    assertEquals(List.of("one", "two"), names(result.output().path("messages"), "text"));
  }

  @Test
  void lookupByEmailReturnsTheUser() throws Exception {
    serve("auth.test", 200, AUTH_TEST, "x-oauth-scopes", "users:read,users:read.email");
    world.runtime.connections().add(new NewConnection("slack", "bot-token", "directory", Map.of(),
        Map.of("token", Secret.of(TOKEN)), world.baseUrl(), null, null, null), null);
    world.request();
    serve("users.lookupByEmail", 200, "{\"ok\":true,\"user\":{\"id\":\"U0123456789\",\"name\":\"spengler\","
        + "\"is_bot\":false,\"profile\":{\"email\":\"spengler@example.com\"}}}");

    ActivityResult result = world.run("slack/users.lookupByEmail", "directory",
        "{\"email\":\"spengler+ops@example.com\"}");

    RecordedRequest request = world.request();
    assertEquals("GET /users.lookupByEmail?email=spengler%2Bops%40example.com",
        request.getMethod() + " " + target(request));
    assertEquals("Bearer " + TOKEN, request.getHeaders().get("Authorization"));
    openApi.assertParameters("users.lookupByEmail", query(request).keySet());
    assertEquals(json("{\"id\":\"U0123456789\",\"name\":\"spengler\",\"is_bot\":false,"
        + "\"profile\":{\"email\":\"spengler@example.com\"}}"), result.output());
  }

  @Test
  void lookupByEmailWithoutItsScopeIsRefusedBeforeAnyCall() {
    // The connection was granted no users:read.email: the pre-flight refuses and nothing is sent.
    ActivityError refused = world.failure("slack/users.lookupByEmail", "acme", "{\"email\":\"spengler@example.com\"}");

    assertEquals(ErrorCode.MISSING_SCOPE, refused.code());
    assertTrue(refused.message().contains("users:read.email"), refused.message());
    assertEquals(1, world.server.getRequestCount(), "only the identify call reached the server");
  }

  @Test
  void everyOperationIsAMethodSlackDocumentsWithItsVerb() {
    openApi.assumePresent();
    for (OperationDefinition operation : world.runtime.catalog().connector("slack").orElseThrow().definition()
        .operations()) {
      openApi.assertMethod(operation.id(), operation.http().method());
    }
  }

  @Test
  void reactionsAddPostsTheEmojiName() throws Exception {
    serve("reactions.add", 200, "{\"ok\":true}");

    world.run("slack/reactions.add", "acme",
        "{\"channel\":\"C0123456789\",\"timestamp\":\"1503435956.000247\",\"name\":\"thumbsup\"}");

    RecordedRequest request = world.request();
    assertEquals("POST /reactions.add", request.getMethod() + " " + target(request));
    assertEquals(Map.of("channel", "C0123456789", "timestamp", "1503435956.000247", "name", "thumbsup"),
        form(request));
    openApi.assertParameters("reactions.add", form(request).keySet());
  }

  @Test
  void okFalseErrorsInsideHttp200AreMapped() {
    serve("chat.postMessage", 200, "{\"ok\":false,\"error\":\"channel_not_found\"}");
    ActivityError notFound = world.failure("slack/chat.postMessage", "acme", "{\"channel\":\"C0\",\"text\":\"x\"}");
    assertEquals(ErrorCode.NOT_FOUND, notFound.code());
    assertEquals("channel_not_found", notFound.details().get(ActivityError.PROVIDER_CODE));
    assertEquals(200, notFound.details().get(ActivityError.HTTP_STATUS));

    serve("chat.postMessage", 200, "{\"ok\":false,\"error\":\"not_in_channel\"}");
    ActivityError notIn = world.failure("slack/chat.postMessage", "acme", "{\"channel\":\"C0\",\"text\":\"x\"}");
    assertEquals(ErrorCode.PERMISSION_DENIED, notIn.code());
    assertTrue(notIn.message().contains("/invite"), notIn.message());
  }

  @Test
  void missingScopeNamesTheScopeSlackNeeds() {
    serve("conversations.history", 200, "{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"groups:history\","
        + "\"provided\":\"chat:write,channels:read,channels:history,reactions:write\"}");

    ActivityError error = world.failure("slack/conversations.history", "acme", "{\"channel\":\"G0123456789\"}");

    assertEquals(ErrorCode.MISSING_SCOPE, error.code());
    assertTrue(error.message().contains("missing_scope: groups:history"), error.message());
  }

  @Test
  void ratelimitedWaitsForRetryAfterThenSucceeds() throws Exception {
    world.respond(429, "{\"ok\":false,\"error\":\"ratelimited\"}", "Retry-After", "1");
    serve("reactions.add", 200, "{\"ok\":true}");

    world.run("slack/reactions.add", "acme",
        "{\"channel\":\"C0123456789\",\"timestamp\":\"1503435956.000247\",\"name\":\"eyes\"}");

    assertEquals(3, world.server.getRequestCount());
  }

  @Test
  void ratelimitedBeyondTheDeadlineIsRateLimited() {
    world.respond(429, "{\"ok\":false,\"error\":\"ratelimited\"}", "Retry-After", "3600");

    ActivityError error = world.failure("slack/reactions.add", "acme",
        "{\"channel\":\"C0123456789\",\"timestamp\":\"1503435956.000247\",\"name\":\"eyes\"}");

    assertEquals(ErrorCode.RATE_LIMITED, error.code());
    assertEquals(3600L, ((Number) error.details().get(ActivityError.RETRY_AFTER)).longValue());
  }

  @Test
  void invalidAuthMarksTheConnectionNeedsReauth() throws Exception {
    serve("chat.postMessage", 200, "{\"ok\":false,\"error\":\"invalid_auth\"}");

    ActivityError error = world.failure("slack/chat.postMessage", "acme", "{\"channel\":\"C0\",\"text\":\"x\"}");

    assertEquals(ErrorCode.NEEDS_REAUTH, error.code());
    assertFalse(error.toString().contains(TOKEN));
    Connection marked = world.runtime.connections().get("acme");
    assertEquals(ConnectionStatus.NEEDS_REAUTH, marked.status());
    assertTrue(marked.statusReason().contains("invalid_auth"), marked.statusReason());
    ActivityError refused = world.failure("slack/chat.postMessage", "acme", "{\"channel\":\"C0\",\"text\":\"x\"}");
    assertEquals(ErrorCode.NEEDS_REAUTH, refused.code());
    assertEquals(2, world.server.getRequestCount(), "a connection that needs reauthorization sends nothing");
  }
}
