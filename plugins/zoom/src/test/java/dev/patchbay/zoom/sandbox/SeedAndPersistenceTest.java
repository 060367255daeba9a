package dev.patchbay.zoom.sandbox;

import static dev.patchbay.zoom.sandbox.SandboxFixture.START;
import static dev.patchbay.zoom.sandbox.SandboxFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The seed format, the default seed, and state kept in a data directory across restarts. */
class SeedAndPersistenceTest {

  @TempDir Path temp;

  @Test
  void theDefaultSeedHasTwoUsersAndRecordingsOverTheLast45Days() throws Exception {
    SandboxState state = Seed.load(Seed.read(null), START, new Ids(), null);

    assertEquals(2, state.users().size());
    assertEquals("Owner", state.owner().path("role_name").asString());
    assertEquals(10, state.recordings().size());
    Set<String> types = new HashSet<>();
    for (Recording recording : state.recordings()) {
      assertTrue(recording.start().isAfter(START.minus(Duration.ofDays(45))), recording.uuid());
      assertTrue(recording.start().isBefore(START), recording.uuid());
      for (RecordingFile file : recording.files()) {
        types.add(file.fileType());
        assertTrue(file.size() >= 8 * 1024 && file.size() <= 1024 * 1024, file.id() + " " + file.size());
      }
    }
    assertEquals(Set.of("MP4", "M4A", "TRANSCRIPT", "CHAT"), types);
    assertTrue(state.recordings().stream().anyMatch(r -> r.uuid().startsWith("/")), "a UUID to double-encode");
  }

  @Test
  void aSeedFileWithRelativeTimesAndGeneratedIds() throws Exception {
    Path seed = write("seed.json", """
        {"users": [{"email": "solo@example.com", "first_name": "Solo", "timezone": "Asia/Tokyo"}],
         "meetings": [{"host": "solo@example.com", "topic": "Soon", "start_time": "now+PT2H"}],
         "recordings": [{"host": "solo@example.com", "topic": "Earlier", "start_time": "now-P1DT30M",
                         "files": [{"file_type": "M4A", "file_size": 1234}]}]}""");

    try (SandboxFixture zoom = SandboxFixture.start(seed, null, true)) {
      String token = zoom.accessToken();
      JsonNode me = json(zoom.get("/v2/users/me", token));
      assertEquals(22, me.path("id").asString().length());
      assertEquals("Solo", me.path("display_name").asString());
      JsonNode meeting = json(zoom.get("/v2/users/me/meetings", token)).path("meetings").get(0);
      assertEquals("2026-03-10T11:00:00Z", meeting.path("start_time").asString());
      assertEquals("Asia/Tokyo", meeting.path("timezone").asString());
      JsonNode recording = json(zoom.get("/v2/users/me/recordings?from=2026-03-01&to=2026-03-10", token))
          .path("meetings").get(0);
      assertEquals("2026-03-09T08:30:00Z", recording.path("start_time").asString());
      assertEquals(1234, recording.path("recording_files").get(0).path("file_size").asLong());
    }
  }

  @Test
  void aBrokenSeedIsRefusedNamingTheEntry() throws Exception {
    assertStartFails("{\"users\": []}", "at least one user");
    assertStartFails("{\"users\": [{\"first_name\": \"x\"}]}", "users[0]: a user needs an email");
    assertStartFails("{\"users\": [{\"email\": \"a@b.c\"}], \"meetings\": [{\"host\": \"x@y.z\"}]}",
        "meetings[0]: host names no seeded user");
    assertStartFails("{\"users\": [{\"email\": \"a@b.c\"}], \"meetings\": [{\"host\": \"a@b.c\", \"type\": 7}]}",
        "meetings[0]");
    assertStartFails("{\"users\": [{\"email\": \"a@b.c\"}], \"recordings\": [{\"host\": \"a@b.c\", "
        + "\"start_time\": \"now\", \"files\": [{\"file_type\": \"AVI\", \"file_size\": 1}]}]}",
        "recordings[0]: files[0]: file_type must be one of");
    assertStartFails("{\"users\": [{\"email\": \"a@b.c\"}], \"recordings\": [{\"host\": \"a@b.c\", "
        + "\"start_time\": \"yesterday\", \"files\": [{\"file_type\": \"MP4\", \"file_size\": 1}]}]}",
        "not a time");
    assertStartFails("{\"users\": [", "not valid JSON");
  }

  @Test
  void aDataDirectoryKeepsStateAndTokensAcrossRestarts() throws Exception {
    Path data = temp.resolve("zoom-data");
    long meetingId;
    JsonNode tokens;
    try (SandboxFixture zoom = SandboxFixture.start(null, data, true)) {
      tokens = zoom.authorize(SandboxApp.OPERATOR);
      String token = tokens.path("access_token").asString();
      meetingId = json(zoom.send("POST", "/v2/users/me/meetings", token, "{\"topic\":\"Kept\"}")).path("id").asLong();
      assertEquals(204, zoom.send("DELETE", "/v2/meetings/81000000001/recordings", token, null).statusCode());
      assertTrue(Files.readString(data.resolve("state.json")).contains(String.valueOf(meetingId)),
          "saved on change, not only at the end");
    }
    assertFalse(Files.exists(data.resolve("state.json.tmp")));
    Path otherSeed = write("other.json", "{\"users\": [{\"email\": \"someone@else.com\"}]}");

    try (SandboxFixture zoom = SandboxFixture.start(otherSeed, data, true)) {
      String token = tokens.path("access_token").asString();
      assertEquals("Kept", json(zoom.get("/v2/meetings/" + meetingId, token)).path("topic").asString(),
          "the state wins over the seed, and the access token is still valid");
      assertEquals(404, zoom.get("/v2/meetings/" + SandboxFixture.doubleEncoded("/gkT2xY6QqWzL0m1N2b3cQ==")
          + "/recordings", token).statusCode(), "still in the trash");
      HttpResponse<String> refreshed = zoom.refresh(SandboxApp.OPERATOR, tokens.path("refresh_token").asString());
      assertEquals(200, refreshed.statusCode(), refreshed::body);
    }
    try (SandboxFixture zoom = SandboxFixture.start(null, data, true)) {
      assertEquals("{\"reason\":\"Invalid Token!\",\"error\":\"invalid_grant\"}",
          zoom.refresh(SandboxApp.OPERATOR, tokens.path("refresh_token").asString()).body(),
          "the rotation was saved too");
    }
  }

  @Test
  void aFreshDataDirectoryGetsTheSeedAtOnce() throws Exception {
    Path data = temp.resolve("fresh");

    SandboxFixture.start(null, data, true).close();

    JsonNode state = SandboxFixture.MAPPER.readTree(data.resolve("state.json"));
    assertEquals(2, state.path("users").size());
    assertEquals(10, state.path("recordings").size());
  }

  private Path write(String name, String json) throws IOException {
    return Files.writeString(temp.resolve(name), json);
  }

  private void assertStartFails(String seed, String expected) throws IOException {
    Path file = write("broken.json", seed);
    IOException e = assertThrows(IOException.class, () -> SandboxFixture.start(file, null, true).close());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }
}
