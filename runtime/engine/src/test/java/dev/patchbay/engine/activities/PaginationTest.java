package dev.patchbay.engine.activities;

import static dev.patchbay.engine.activities.Harness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patchbay.api.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Cursor pagination as the relay definition declares it: cursor "next" into query "cursor", items "things". */
class PaginationTest extends RelayTestBase {

  private static final String EXPIRED = "{\"code\":\"cursor_expired\",\"message\":\"The next page token is invalid or "
      + "expired.\"}";

  /** The request targets (path and query) of the next {@code count} requests. */
  List<String> targets(int count) {
    return IntStream.range(0, count).mapToObj(i -> harness.request().getTarget()).toList();
  }

  @Test
  void followsThreePagesWithEveryOtherParameterUnchanged() throws Exception {
    harness.respond(200, "{\"things\":[{\"n\":1},{\"n\":2}],\"next\":\"c1\"}");
    harness.respond(200, "{\"things\":[{\"n\":3},{\"n\":4}],\"next\":\"c2\"}");
    harness.respond(200, "{\"things\":[{\"n\":5}],\"next\":\"\"}");

    ActivityResult result = harness.run("things.list", "{\"filter\":\"red\"}");

    assertEquals(json("{\"things\":[{\"n\":1},{\"n\":2},{\"n\":3},{\"n\":4},{\"n\":5}],\"pages\":3,"
        + "\"truncated\":false}"), result.output());
    assertEquals(List.of(
        "/v1/things?filter=red&limit=2",
        "/v1/things?filter=red&limit=2&cursor=c1",
        "/v1/things?filter=red&limit=2&cursor=c2"), targets(3));
    assertEquals(3, result.attempts());
  }

  @Test
  void absentCursorEndsTheListing() throws Exception {
    harness.respond(200, "{\"things\":[{\"n\":1}]}");

    assertEquals(json("{\"things\":[{\"n\":1}],\"pages\":1,\"truncated\":false}"),
        harness.run("things.list", "{}").output());
  }

  @Test
  void stopsAtMaxItemsAndSaysThereWasMore() throws Exception {
    harness.respond(200, "{\"things\":[{\"n\":1},{\"n\":2}],\"next\":\"c1\"}");
    harness.respond(200, "{\"things\":[{\"n\":3},{\"n\":4}],\"next\":\"c2\"}");

    ActivityResult result = harness.run("things.list", "{\"maxItems\":3}");

    assertEquals(json("{\"things\":[{\"n\":1},{\"n\":2},{\"n\":3}],\"pages\":2,\"truncated\":true}"),
        result.output());
    assertEquals(2, harness.server.getRequestCount());
  }

  @Test
  void maxItemsReachedExactlyAtAPageEndWithACursorLeftIsTruncated() throws Exception {
    harness.respond(200, "{\"things\":[{\"n\":1},{\"n\":2}],\"next\":\"c1\"}");

    assertEquals(json("{\"things\":[{\"n\":1},{\"n\":2}],\"pages\":1,\"truncated\":true}"),
        harness.run("things.list", "{\"maxItems\":2}").output());
    assertEquals(1, harness.server.getRequestCount());
  }

  @Test
  void repeatedCursorFailsInsteadOfLoopingForever() {
    harness.respond(200, "{\"things\":[{\"n\":1},{\"n\":2}],\"next\":\"c1\"}");
    harness.respond(200, "{\"things\":[{\"n\":1},{\"n\":2}],\"next\":\"c1\"}");

    ActivityError error = harness.failure("things.list", "{}");

    assertEquals(new ActivityError(ErrorCode.UPSTREAM_ERROR, "Relay returned the same page cursor twice (page 2 of "
        + "relay/things.list); stopped rather than list the same items forever. Retry later; if it persists, lower "
        + "maxItems or narrow the listing.", Map.of()), error);
    assertEquals(2, harness.server.getRequestCount());
  }

  @Test
  void expiredCursorRestartsTheListingFromTheFirstPageOnce() throws Exception {
    harness.respond(200, "{\"things\":[{\"n\":1},{\"n\":2}],\"next\":\"c1\"}");
    harness.respond(400, EXPIRED);
    harness.respond(200, "{\"things\":[{\"n\":1},{\"n\":2}],\"next\":\"c9\"}");
    harness.respond(200, "{\"things\":[{\"n\":3}],\"next\":\"\"}");

    ActivityResult result = harness.run("things.list", "{}");

    // The items of the abandoned pass are dropped, not collected twice.
    assertEquals(json("{\"things\":[{\"n\":1},{\"n\":2},{\"n\":3}],\"pages\":2,\"truncated\":false}"),
        result.output());
    assertEquals(List.of(
        "/v1/things?limit=2",
        "/v1/things?limit=2&cursor=c1",
        "/v1/things?limit=2",
        "/v1/things?limit=2&cursor=c9"), targets(4));
  }

  @Test
  void cursorExpiringAgainAfterTheRestartFails() {
    harness.respond(200, "{\"things\":[{\"n\":1}],\"next\":\"c1\"}");
    harness.respond(400, EXPIRED);
    harness.respond(200, "{\"things\":[{\"n\":1}],\"next\":\"c2\"}");
    harness.respond(400, EXPIRED);

    ActivityError error = harness.failure("things.list", "{}");

    assertEquals(ErrorCode.UPSTREAM_ERROR, error.code());
    assertEquals("Relay answered HTTP 400 with error cursor_expired: The next page token is invalid or expired. The "
        + "page cursor expired even after restarting the listing; run it again.", error.message());
    assertEquals(4, harness.server.getRequestCount());
  }

  @Test
  void firstPageFailingWithTheExpiredCodeIsNotRestarted() {
    harness.respond(400, EXPIRED);

    assertEquals(ErrorCode.UPSTREAM_ERROR, harness.failure("things.list", "{}").code());
    assertEquals(1, harness.server.getRequestCount());
  }

  @Test
  void itemsThatAreNotAListAreUpstreamError() {
    harness.respond(200, "{\"things\":{\"n\":1},\"next\":\"\"}");

    assertEquals(new ActivityError(ErrorCode.UPSTREAM_ERROR, "Relay answered page 1 of relay/things.list with "
        + "'things' that is not a list. Retry later.", Map.of()), harness.failure("things.list", "{}"));
  }
}
