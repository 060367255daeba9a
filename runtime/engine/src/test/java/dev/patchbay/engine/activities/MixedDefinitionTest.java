package dev.patchbay.engine.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;

import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * A plugin whose definition also declares an operation with an http block: the load accepts it without code for
 * it, and the host runs it through the same runner, with the connection's token and the operation's headers.
 */
class MixedDefinitionTest extends RelayTestBase {

  @Test
  void declaredOperationRunsNextToThePluginsCode() throws Exception {
    harness.server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .addHeader("ETag", "\"v7\"").body("{\"thing\":{\"name\":\"lamp\"},\"other\":1}").build());

    ActivityResult result = harness.run("things.peek", "{\"id\":\"a/b\"}");

    RecordedRequest request = harness.request();
    assertEquals("GET /v1/things/a%2Fb", request.getMethod() + " " + request.getTarget());
    assertEquals("yes", request.getHeaders().get("X-Peek"));
    assertEquals("Bearer token-1", request.getHeaders().get("Authorization"));
    assertEquals(Harness.json("{\"name\":\"lamp\",\"etag\":\"\\\"v7\\\"\"}"), result.output());
  }
}
