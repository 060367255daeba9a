package dev.patchbay.zoom.sandbox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The cloud recording of one meeting instance (one UUID) and its files. Trash is kept per instance (the whole
 * recording trashed) and per file.
 */
final class Recording {

  private final String uuid;
  private final long meetingId;
  private final String hostId;
  private final String topic;
  private final int type;
  private final Instant start;
  private final int duration;
  private final String password;
  private final String playPasscode;
  private final List<RecordingFile> files;
  private Instant trashedAt;

  private Recording(String uuid, long meetingId, String hostId, String topic, int type, Instant start, int duration,
      String password, String playPasscode, List<RecordingFile> files, Instant trashedAt) {
    this.uuid = uuid;
    this.meetingId = meetingId;
    this.hostId = hostId;
    this.topic = topic;
    this.type = type;
    this.start = start;
    this.duration = duration;
    this.password = password;
    this.playPasscode = playPasscode;
    this.files = files;
    this.trashedAt = trashedAt;
  }

  /** A recording of seed or state data; hostId is the resolved id of its host. */
  static Recording fromJson(JsonNode node, String hostId, Instant base, Ids ids) {
    String start = SandboxJson.text(node, "start_time");
    if (start == null) {
      throw new IllegalArgumentException("a recording needs a start_time");
    }
    Instant startTime = SeedTime.resolve(start, base);
    int duration = node.path("duration").asInt(60);
    Instant end = startTime.plus(Duration.ofMinutes(duration));
    List<RecordingFile> files = new ArrayList<>();
    JsonNode fileNodes = node.path("files");
    if (!fileNodes.isArray() || fileNodes.isEmpty()) {
      throw new IllegalArgumentException("a recording needs at least one file (field files)");
    }
    for (int i = 0; i < fileNodes.size(); i++) {
      try {
        files.add(RecordingFile.fromJson(fileNodes.get(i), startTime, end, base, ids));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("files[" + i + "]: " + e.getMessage(), e);
      }
    }
    String uuid = SandboxJson.text(node, "uuid");
    String password = SandboxJson.text(node, "password");
    String passcode = SandboxJson.text(node, "recording_play_passcode");
    String trashed = SandboxJson.text(node, "trashed_at");
    return new Recording(
        uuid == null ? ids.meetingUuid() : uuid,
        node.path("meeting_id").isIntegralNumber() ? node.path("meeting_id").asLong() : ids.meetingNumber(),
        hostId,
        node.path("topic").asString("Zoom meeting"),
        node.path("type").asInt(2),
        startTime,
        duration,
        password == null ? ids.alphanumeric(8) : password,
        passcode == null ? ids.token(24) : passcode,
        files,
        trashed == null ? null : SeedTime.resolve(trashed, base));
  }

  ObjectNode toJson() {
    ObjectNode node = SandboxJson.object();
    node.put("uuid", uuid);
    node.put("meeting_id", meetingId);
    node.put("host", hostId);
    node.put("topic", topic);
    node.put("type", type);
    node.put("start_time", SandboxJson.time(start));
    node.put("duration", duration);
    node.put("password", password);
    node.put("recording_play_passcode", playPasscode);
    if (trashedAt != null) {
      node.put("trashed_at", SandboxJson.time(trashedAt));
    }
    ArrayNode fileNodes = node.putArray("files");
    files.forEach(file -> fileNodes.add(file.toJson()));
    return node;
  }

  /**
   * The recording as Zoom lists it, with the given files.
   *
   * @param trashListing true to give each file its deleted_time
   * @param single true for {@code GET /meetings/{meetingId}/recordings}, which adds the password
   */
  ObjectNode render(String origin, String accountId, List<RecordingFile> shown, boolean trashListing,
      boolean single) {
    ObjectNode node = SandboxJson.object();
    node.put("uuid", uuid);
    node.put("id", meetingId);
    node.put("account_id", accountId);
    node.put("host_id", hostId);
    node.put("topic", topic);
    node.put("type", String.valueOf(type));
    node.put("start_time", SandboxJson.time(start));
    node.put("duration", duration);
    node.put("total_size", shown.stream().mapToLong(RecordingFile::size).sum());
    node.put("recording_count", shown.size());
    node.put("share_url", origin + "/rec/share/" + URLEncoder.encode(uuid, StandardCharsets.UTF_8));
    node.put("recording_play_passcode", playPasscode);
    ArrayNode fileNodes = node.putArray("recording_files");
    for (RecordingFile file : shown) {
      Instant deleted = trashListing ? (file.trashedAt() != null ? file.trashedAt() : trashedAt) : null;
      fileNodes.add(file.render(origin, uuid, deleted));
    }
    if (single) {
      node.put("password", password);
    }
    return node;
  }

  /** The files a normal (not trash) listing shows: none when the whole recording is in the trash. */
  List<RecordingFile> visibleFiles() {
    if (trashedAt != null) {
      return List.of();
    }
    return files.stream().filter(file -> file.trashedAt() == null).toList();
  }

  /** Files trashed one by one while the recording itself stayed. */
  List<RecordingFile> trashedFiles() {
    if (trashedAt != null) {
      return List.of();
    }
    return files.stream().filter(file -> file.trashedAt() != null).toList();
  }

  Optional<RecordingFile> visibleFile(String fileId) {
    return visibleFiles().stream().filter(file -> file.id().equals(fileId)).findFirst();
  }

  void removeFile(RecordingFile file) {
    files.remove(file);
  }

  List<RecordingFile> files() {
    return files;
  }

  String uuid() {
    return uuid;
  }

  long meetingId() {
    return meetingId;
  }

  String hostId() {
    return hostId;
  }

  Instant start() {
    return start;
  }

  Instant trashedAt() {
    return trashedAt;
  }

  void trash(Instant when) {
    trashedAt = when;
  }
}
