package dev.patchbay.zoom.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seed data: the account, users, meetings and cloud recordings a sandbox starts with, as one JSON object.
 *
 * <pre>{@code
 * {
 *   "account": {"id": "…", "number": 123456789},   // optional; generated when absent
 *   "users": [                                      // at least one; the first is the account owner
 *     {"email": "ada@example.com", "first_name": "Ada", "last_name": "Lovelace", "timezone": "Europe/London"}
 *   ],                                              // plus any field of Zoom's user object (id, type, role_name…)
 *   "meetings": [
 *     {"host": "ada@example.com",                   // the host's id or email
 *      "topic": "Design review", "type": 2, "start_time": "now+P2DT3H", "duration": 45,
 *      "status": "waiting"}                         // "started" for a live meeting; plus any field of Zoom's
 *   ],                                              // create-meeting body, and optionally id and uuid
 *   "recordings": [
 *     {"host": "ada@example.com", "topic": "Sprint demo", "start_time": "now-P6DT2H", "duration": 30,
 *      "meeting_id": 81234567890,                   // optional: the meeting this is an instance of
 *      "uuid": "/sD8+4xGTKiWvWa1c0n6Ew==",          // optional instance UUID
 *      "trashed_at": "now-P1D",                     // optional: the whole recording is in the trash
 *      "files": [
 *        {"file_type": "MP4", "file_size": 524288}, // MP4, M4A, TRANSCRIPT or CHAT; the size in bytes
 *        {"file_type": "TRANSCRIPT", "file_size": 20480, "id": "…", "trashed_at": "now-PT5H"}]}
 *   ]
 * }
 * }</pre>
 *
 * <p>Times are ISO-8601 instants or {@code now} plus or minus an ISO-8601 duration (see {@link SeedTime}). Ids left
 * out are generated. A recording file's content is generated from its id on download, so sizes cost no disk. The
 * state a data directory keeps ({@link StateStore}) is this format with every id and time filled in, plus
 * {@code deleted_meetings} and {@code grants}; keys starting with {@code $} at the top level are comments.
 */
final class Seed {

  /** The default seed, a classpath resource of the plugin. */
  static final String DEFAULT_RESOURCE = "/dev/patchbay/zoom/sandbox/default-seed.json";

  private Seed() {}

  /** The seed file's JSON, or the default seed's when file is null. */
  static JsonNode read(Path file) throws IOException {
    try {
      if (file != null) {
        return SandboxJson.MAPPER.readTree(file);
      }
      try (InputStream in = Seed.class.getResourceAsStream(DEFAULT_RESOURCE)) {
        if (in == null) {
          throw new IOException("the plugin lacks its default sandbox seed " + DEFAULT_RESOURCE);
        }
        return SandboxJson.MAPPER.readTree(in);
      }
    } catch (JacksonException e) {
      throw new IOException("the sandbox seed " + (file == null ? DEFAULT_RESOURCE : file) + " is not valid JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  /**
   * The state the seed describes.
   *
   * @param now the sandbox's start; relative seed times count from it rounded down to the hour
   * @throws IllegalArgumentException naming the entry and field that is wrong
   */
  static SandboxState load(JsonNode seed, Instant now, Ids ids, StateStore store) {
    if (!seed.isObject()) {
      throw new IllegalArgumentException("the seed must be a JSON object");
    }
    Instant base = SeedTime.base(now);
    JsonNode account = seed.path("account");
    SandboxState state = new SandboxState(
        account.path("id").asString(ids.zoomId()),
        account.path("number").isIntegralNumber() ? account.path("number").asLong() : 100_000_000L
            + Long.parseLong(ids.digits(8)),
        store);
    JsonNode users = seed.path("users");
    if (!users.isArray() || users.isEmpty()) {
      throw new IllegalArgumentException("the seed needs at least one user (field users)");
    }
    for (int i = 0; i < users.size(); i++) {
      String where = "users[" + i + "]";
      try {
        state.addUser(Users.complete(users.get(i), i == 0, state.accountId(), state.accountNumber(), base, ids));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    Meetings meetings = new Meetings(ids);
    loadMeetings(seed.path("meetings"), "meetings", state, meetings, base);
    loadMeetings(seed.path("deleted_meetings"), "deleted_meetings", state, meetings, base);
    JsonNode recordings = seed.path("recordings");
    for (int i = 0; i < recordings.size(); i++) {
      String where = "recordings[" + i + "]";
      JsonNode entry = recordings.get(i);
      try {
        ObjectNode host = state.requireUser(entry.path("host"), "host");
        state.addRecording(Recording.fromJson(entry, Users.id(host), base, ids));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return state;
  }

  private static void loadMeetings(JsonNode entries, String field, SandboxState state, Meetings meetings,
      Instant base) {
    for (int i = 0; i < entries.size(); i++) {
      String where = field + "[" + i + "]";
      JsonNode entry = entries.get(i);
      try {
        if (!entry.isObject()) {
          throw new IllegalArgumentException("a meeting must be a JSON object");
        }
        JsonNode hostReference = entry.has("host") ? entry.get("host") : entry.path("host_id");
        ObjectNode meeting = meetings.seed(state.requireUser(hostReference, "host"), entry, base);
        state.addMeeting(meeting);
        if (field.equals("deleted_meetings")) {
          state.deleteMeeting(meeting.path("id").asLong());
        }
      } catch (ApiError e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
  }
}
