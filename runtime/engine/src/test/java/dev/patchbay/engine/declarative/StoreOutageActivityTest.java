package dev.patchbay.engine.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.ActivityError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An activity run by connection name while the home's connection store cannot be read (a folder gone, as with an
 * unmounted disk) fails marked as a store outage, with nothing sent, not as a connection that does not exist; it
 * runs once the store is back.
 */
class StoreOutageActivityTest {

  private static final String ISSUE = "{\"id\":1,\"number\":1,\"title\":\"Bug\",\"state\":\"open\",\"body\":null,"
      + "\"html_url\":\"https://github.com/o/r/issues/1\",\"user\":{\"login\":\"octocat\",\"id\":1},"
      + "\"labels\":[],\"comments\":0}";

  @TempDir
  Path home;

  private DeclarativeWorld world;

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void aConnectionStoreThatCannotBeReadIsAStoreOutageNotAMissingConnection() throws Exception {
    world = new DeclarativeWorld(home, "github.json");
    world.respond(200, "{\"login\":\"octocat\",\"id\":1}");
    world.connect("github", "token", "gh", "token", "ghp_CANARY0123456789");
    world.request();
    Path connections = home.resolve("connections");
    Path away = Files.move(connections, home.resolve("connections.away"));
    Files.writeString(connections, "not a folder");

    ActivityError error = world.failure("github/issues.get", "gh", "{\"owner\":\"o\",\"repo\":\"r\","
        + "\"issueNumber\":1}");

    assertEquals(ErrorCode.UPSTREAM_ERROR, error.code(), error.message());
    assertEquals(true, error.details().get(ActivityError.STORE_OUTAGE), error.toString());
    assertEquals(true, error.details().get(ActivityError.STORE), "a store failure: the CLI's store exit code");
    assertFalse(error.toString().contains("ghp_CANARY0123456789"), error.toString());
    assertTrue(error.message().startsWith("cannot look up connection 'gh': cannot list the connection store "),
        error.message());
    assertEquals(1, world.server.getRequestCount(), "nothing sent");

    Files.delete(connections);
    Files.move(away, connections);
    world.respond(200, ISSUE);
    assertEquals("Bug", world.run("github/issues.get", "gh", "{\"owner\":\"o\",\"repo\":\"r\",\"issueNumber\":1}")
        .output().path("title").asString());
  }
}
