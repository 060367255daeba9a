package dev.patchbay.engine.declarative;

import static dev.patchbay.engine.declarative.DeclarativeWorld.body;
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
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * connector-defs/github.json, loaded as a bare definition with no code, against a MockWebServer: the exact request
 * of every operation (method, path with each segment encoded, query, headers GitHub asks for, body), the mapped
 * output, Link pagination over three pages, and every error GitHub's documentation describes.
 */
class GitHubDefinitionTest {

  private static final String TOKEN = "ghp_CANARY0123456789";
  private static final String USER = "{\"login\":\"octocat\",\"id\":1,\"email\":\"octo@example.com\"}";
  private static final String ISSUE = "{\"id\":1,\"number\":%d,\"title\":\"Bug %d\",\"state\":\"open\",\"body\":null,"
      + "\"html_url\":\"https://github.com/o/r/issues/%d\",\"user\":{\"login\":\"octocat\",\"id\":1},"
      + "\"labels\":[{\"id\":2,\"name\":\"bug\",\"color\":\"f29513\"}],\"comments\":0}";

  @TempDir
  Path home;

  DeclarativeWorld world;

  @BeforeEach
  void connect() throws Exception {
    world = new DeclarativeWorld(home, "github.json");
    world.respond(200, USER);
    Connection connection = world.connect("github", "token", "gh", "token", TOKEN);
    assertEquals("octocat", connection.identity().displayName());
    assertEquals("1", connection.identity().userId());
    RecordedRequest identify = world.request();
    assertEquals("GET /user", identify.getMethod() + " " + target(identify));
    assertGitHubHeaders(identify);
  }

  @AfterEach
  void close() {
    world.close();
  }

  private static String issue(int number) {
    return String.format(ISSUE, number, number, number);
  }

  private static void assertGitHubHeaders(RecordedRequest request) {
    assertEquals("application/vnd.github+json", request.getHeaders().get("Accept"));
    assertEquals("2022-11-28", request.getHeaders().get("X-GitHub-Api-Version"));
    assertEquals("patchbay", request.getHeaders().get("User-Agent"));
    assertEquals("Bearer " + TOKEN, request.getHeaders().get("Authorization"));
  }

  @Test
  void reposGetEncodesEachPathSegment() throws Exception {
    world.respond(200, "{\"id\":7,\"name\":\"a b\",\"full_name\":\"o/a b\",\"private\":false,"
        + "\"owner\":{\"login\":\"o\",\"id\":3},\"html_url\":\"https://github.com/o/a%20b\",\"extra\":1}");

    ActivityResult result = world.run("github/repos.get", "gh", "{\"owner\":\"o\",\"repo\":\"a b/../x\"}");

    RecordedRequest request = world.request();
    assertEquals("GET /repos/o/a%20b%2F..%2Fx", request.getMethod() + " " + target(request));
    assertGitHubHeaders(request);
    assertEquals("o/a b", result.output().path("full_name").asString());
  }

  @Test
  void issuesListFollowsLinkOverThreePagesWithTheFilters() throws Exception {
    String base = world.baseUrl();
    world.respond(200, "[" + issue(1) + "," + issue(2) + "]",
        "Link", "<" + base + "/repositories/9/issues?state=open&labels=bug%2Cui&per_page=100&page=2>; rel=\"next\", <"
            + base + "/repositories/9/issues?page=3>; rel=\"last\"");
    world.respond(200, "[" + issue(3) + "]",
        "Link", "<" + base + "/repositories/9/issues?state=open&labels=bug%2Cui&per_page=100&page=3>; rel=\"next\"");
    world.respond(200, "[" + issue(4) + "]",
        "Link", "<" + base + "/repositories/9/issues?page=1>; rel=\"first\"");

    ActivityResult result = world.run("github/issues.list", "gh",
        "{\"owner\":\"o\",\"repo\":\"r\",\"labels\":[\"bug\",\"ui\"],\"sort\":\"updated\"}");

    RecordedRequest first = world.request();
    assertEquals("GET /repos/o/r/issues?state=open&labels=bug%2Cui&sort=updated&per_page=100",
        first.getMethod() + " " + target(first));
    RecordedRequest second = world.request();
    assertEquals("/repositories/9/issues?state=open&labels=bug%2Cui&per_page=100&page=2", target(second));
    assertGitHubHeaders(second);
    assertEquals("/repositories/9/issues?state=open&labels=bug%2Cui&per_page=100&page=3", target(world.request()));
    assertEquals(List.of("1", "2", "3", "4"), names(result.output().path("issues"), "number"));
    assertFalse(result.output().path("truncated").asBoolean());
  }

  @Test
  void linkToAnotherHostIsNotFollowed() {
    world.respond(200, "[" + issue(1) + "]", "Link", "<https://evil.example.test/steal?page=2>; rel=\"next\"");

    ActivityError error = world.failure("github/issues.list", "gh", "{\"owner\":\"o\",\"repo\":\"r\"}");

    assertEquals(ErrorCode.UPSTREAM_ERROR, error.code());
    assertTrue(error.message().contains("not the connection's API host"), error.message());
    assertEquals(1, world.server.getRequestCount() - 1);
  }

  @Test
  void issuesGetMapsTheIssue() throws Exception {
    world.respond(200, issue(42));

    ActivityResult result = world.run("github/issues.get", "gh", "{\"owner\":\"o\",\"repo\":\"r\",\"issueNumber\":42}");

    RecordedRequest request = world.request();
    assertEquals("GET /repos/o/r/issues/42", request.getMethod() + " " + target(request));
    assertEquals(42, result.output().path("number").asInt());
    assertEquals("bug", result.output().path("labels").path(0).path("name").asString());
  }

  @Test
  void issuesCreatePostsOnlyTheGivenFieldsAndIsNotRetried() throws Exception {
    world.respond(201, issue(5));

    ActivityResult result = world.run("github/issues.create", "gh",
        "{\"owner\":\"o\",\"repo\":\"r\",\"title\":\"Download failed\",\"labels\":[\"bug\"]}");

    RecordedRequest request = world.request();
    assertEquals("POST /repos/o/r/issues", request.getMethod() + " " + target(request));
    assertEquals(json("{\"title\":\"Download failed\",\"labels\":[\"bug\"]}"), json(body(request)));
    assertTrue(request.getHeaders().get("Content-Type").startsWith("application/json"));
    assertEquals(5, result.output().path("number").asInt());

    world.respond(502, "{\"message\":\"Server Error\"}");
    ActivityError error = world.failure("github/issues.create", "gh", "{\"owner\":\"o\",\"repo\":\"r\",\"title\":\"t\"}");
    assertEquals(ErrorCode.UPSTREAM_ERROR, error.code());
    world.request();
    assertEquals(3, world.server.getRequestCount(), "a non-idempotent create is sent once");
  }

  @Test
  void issuesUpdatePatchesAndCommentPosts() throws Exception {
    world.respond(200, issue(7));
    world.run("github/issues.update", "gh",
        "{\"owner\":\"o\",\"repo\":\"r\",\"issueNumber\":7,\"state\":\"closed\",\"stateReason\":\"not_planned\"}");
    RecordedRequest update = world.request();
    assertEquals("PATCH /repos/o/r/issues/7", update.getMethod() + " " + target(update));
    assertEquals(json("{\"state\":\"closed\",\"state_reason\":\"not_planned\"}"), json(body(update)));

    world.respond(201, "{\"id\":9,\"body\":\"Me too\",\"html_url\":\"https://github.com/o/r/issues/7#issuecomment-9\"}");
    ActivityResult comment = world.run("github/issues.comment", "gh",
        "{\"owner\":\"o\",\"repo\":\"r\",\"issueNumber\":7,\"body\":\"Me too\"}");
    RecordedRequest post = world.request();
    assertEquals("POST /repos/o/r/issues/7/comments", post.getMethod() + " " + target(post));
    assertEquals(json("{\"body\":\"Me too\"}"), json(body(post)));
    assertEquals(9, comment.output().path("id").asInt());
  }

  @Test
  void searchIssuesPagesThroughItems() throws Exception {
    String base = world.baseUrl();
    world.respond(200, "{\"total_count\":3,\"incomplete_results\":false,\"items\":[" + issue(1) + "," + issue(2) + "]}",
        "Link", "<" + base + "/search/issues?q=is%3Aissue&per_page=2&page=2>; rel=\"next\"");
    world.respond(200, "{\"total_count\":3,\"incomplete_results\":false,\"items\":[" + issue(3) + "]}");

    ActivityResult result = world.run("github/search.issues", "gh", "{\"q\":\"is:issue\",\"maxItems\":2}");

    RecordedRequest first = world.request();
    assertEquals("GET /search/issues?q=is%3Aissue&per_page=2", first.getMethod() + " " + target(first));
    assertEquals(List.of("1", "2"), names(result.output().path("issues"), "number"));
    assertTrue(result.output().path("truncated").asBoolean());
  }

  @Test
  void validationFailedKeepsTheFieldErrors() {
    world.respond(422, "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Issue\",\"field\":\"title\","
        + "\"code\":\"missing_field\"}],\"documentation_url\":\"https://docs.github.com/rest\"}");

    ActivityError error = world.failure("github/issues.create", "gh", "{\"owner\":\"o\",\"repo\":\"r\",\"title\":\"x\"}");

    assertEquals(ErrorCode.INVALID_INPUT, error.code());
    assertEquals("Validation Failed", error.details().get(ActivityError.PROVIDER_MESSAGE));
    assertEquals(List.of(Map.of("resource", "Issue", "field", "title", "code", "missing_field")),
        error.details().get(ActivityError.PROVIDER_DETAILS));
  }

  @Test
  void notFoundAndPermissionDenied() {
    world.respond(404, "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com\"}");
    assertEquals(ErrorCode.NOT_FOUND, world.failure("github/issues.get", "gh",
        "{\"owner\":\"o\",\"repo\":\"r\",\"issueNumber\":1}").code());

    world.respond(403, "{\"message\":\"Resource not accessible by personal access token\"}",
        "x-ratelimit-remaining", "4999");
    ActivityError denied = world.failure("github/issues.get", "gh", "{\"owner\":\"o\",\"repo\":\"r\",\"issueNumber\":1}");
    assertEquals(ErrorCode.PERMISSION_DENIED, denied.code());
    assertTrue(denied.message().contains("Issues: read and write"), denied.message());
  }

  @Test
  void primaryRateLimitIsRateLimitedUntilTheReset() {
    long reset = Instant.now().getEpochSecond() + 3600;
    world.respond(403, "{\"message\":\"API rate limit exceeded for user ID 1.\"}",
        "x-ratelimit-remaining", "0", "x-ratelimit-limit", "5000", "x-ratelimit-reset", Long.toString(reset));

    ActivityError error = world.failure("github/issues.get", "gh", "{\"owner\":\"o\",\"repo\":\"r\",\"issueNumber\":1}");

    assertEquals(ErrorCode.RATE_LIMITED, error.code());
    long retryAfter = ((Number) error.details().get(ActivityError.RETRY_AFTER)).longValue();
    assertTrue(retryAfter > 3500 && retryAfter <= 3600, "retryAfter " + retryAfter);
    assertEquals(2, world.server.getRequestCount(), "a wait past the deadline is not started");
  }

  @Test
  void goneIsNotFoundWithGitHubsReason() {
    world.respond(410, "{\"message\":\"Issues are disabled for this repo\",\"documentation_url\":"
        + "\"https://docs.github.com/rest/issues/issues#get-an-issue\",\"status\":\"410\"}");

    ActivityError error = world.failure("github/issues.get", "gh", "{\"owner\":\"o\",\"repo\":\"r\",\"issueNumber\":1}");

    assertEquals(ErrorCode.NOT_FOUND, error.code());
    assertEquals(410, error.details().get(ActivityError.HTTP_STATUS));
    assertEquals("Issues are disabled for this repo", error.details().get(ActivityError.PROVIDER_MESSAGE));
    assertTrue(error.message().contains("Issues are disabled in this repository, or the issue was deleted."),
        error.message());
    assertEquals(2, world.server.getRequestCount(), "a 410 is not retried");
  }

  @Test
  void primaryRateLimitAs429IsRateLimitedUntilTheReset() {
    long reset = Instant.now().getEpochSecond() + 1800;
    world.respond(429, "{\"message\":\"API rate limit exceeded for user ID 1.\"}",
        "x-ratelimit-remaining", "0", "x-ratelimit-limit", "5000", "x-ratelimit-reset", Long.toString(reset));

    ActivityError error = world.failure("github/issues.get", "gh", "{\"owner\":\"o\",\"repo\":\"r\",\"issueNumber\":1}");

    assertEquals(ErrorCode.RATE_LIMITED, error.code());
    assertEquals(429, error.details().get(ActivityError.HTTP_STATUS));
    assertTrue(error.message().contains("primary rate limit for this token is used up"), error.message());
    long retryAfter = ((Number) error.details().get(ActivityError.RETRY_AFTER)).longValue();
    assertTrue(retryAfter > 1700 && retryAfter <= 1800, "retryAfter " + retryAfter);
    assertEquals(2, world.server.getRequestCount(), "a wait past the deadline is not started");
  }

  @Test
  void secondaryRateLimitWithRetryAfterIsRateLimited() {
    world.respond(403, "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes.\"}",
        "Retry-After", "600", "x-ratelimit-remaining", "4000");

    ActivityError error = world.failure("github/issues.get", "gh", "{\"owner\":\"o\",\"repo\":\"r\",\"issueNumber\":1}");

    assertEquals(ErrorCode.RATE_LIMITED, error.code());
    assertEquals(600L, ((Number) error.details().get(ActivityError.RETRY_AFTER)).longValue());
  }

  @Test
  void badCredentialsMarksTheConnectionNeedsReauthAndAPastedTokenRestoresIt() throws Exception {
    world.respond(401, "{\"message\":\"Bad credentials\"}");

    ActivityError error = world.failure("github/issues.get", "gh", "{\"owner\":\"o\",\"repo\":\"r\",\"issueNumber\":1}");

    assertEquals(ErrorCode.NEEDS_REAUTH, error.code());
    assertFalse(error.message().contains(TOKEN));
    Connection marked = world.runtime.connections().get("gh");
    assertEquals(ConnectionStatus.NEEDS_REAUTH, marked.status());
    assertTrue(marked.statusReason().contains("patchbay connections reauth gh"), marked.statusReason());
    ActivityError refused = world.failure("github/issues.get", "gh", "{\"owner\":\"o\",\"repo\":\"r\",\"issueNumber\":1}");
    assertEquals(ErrorCode.NEEDS_REAUTH, refused.code());
    assertTrue(refused.message().endsWith(". Paste the new token with patchbay connections reauth gh, then run "
        + "github/issues.get again."), refused.message());
    assertEquals(2, world.server.getRequestCount(), "a connection that needs a new key sends nothing");

    world.respond(200, USER);
    Connection restored = world.runtime.connections().replaceSecret("gh", dev.patchbay.engine.secrets.Secret.of(
        "ghp_NEW"));
    assertEquals(ConnectionStatus.ACTIVE, restored.status());
    world.request();
    world.request();
    world.respond(200, issue(1));
    world.run("github/issues.get", "gh", "{\"owner\":\"o\",\"repo\":\"r\",\"issueNumber\":1}");
    assertEquals("Bearer ghp_NEW", world.request().getHeaders().get("Authorization"));
  }

  @Test
  void fineGrainedTokensSkipTheScopePreflight() throws Exception {
    assertEquals(Set.of(), world.runtime.connections().get("gh").grantedScopes());
    world.respond(200, issue(1));
    world.run("github/issues.get", "gh", "{\"owner\":\"o\",\"repo\":\"r\",\"issueNumber\":1}");
  }
}
