package dev.patchbay.zoom.sandbox;

import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** One file of a cloud recording. Its bytes are generated from its id on download, so none are stored. */
final class RecordingFile {

  /** The file types the sandbox can produce content for, and the extension and recording type Zoom gives each. */
  private static final Map<String, String[]> TYPES = Map.of(
      "MP4", new String[] {"MP4", "shared_screen_with_speaker_view", "video/mp4"},
      "M4A", new String[] {"M4A", "audio_only", "audio/mp4"},
      "TRANSCRIPT", new String[] {"VTT", "audio_transcript", "text/vtt;charset=UTF-8"},
      "CHAT", new String[] {"TXT", "chat_file", "text/plain;charset=UTF-8"});

  private final String id;
  private final String fileType;
  private final long size;
  private final String recordingType;
  private final Instant start;
  private final Instant end;
  private Instant trashedAt;

  private RecordingFile(String id, String fileType, long size, String recordingType, Instant start, Instant end,
      Instant trashedAt) {
    this.id = id;
    this.fileType = fileType;
    this.size = size;
    this.recordingType = recordingType;
    this.start = start;
    this.end = end;
    this.trashedAt = trashedAt;
  }

  /** A file of seed or state data; the recording's own times fill what the file leaves out. */
  static RecordingFile fromJson(JsonNode node, Instant recordingStart, Instant recordingEnd, Instant base, Ids ids) {
    String fileType = SandboxJson.text(node, "file_type");
    if (fileType == null || !TYPES.containsKey(fileType)) {
      throw new IllegalArgumentException("file_type must be one of " + TYPES.keySet() + ", not " + fileType);
    }
    long size = node.path("file_size").asLong(-1);
    if (!node.path("file_size").isIntegralNumber() || size < 1) {
      throw new IllegalArgumentException("file_size must be a positive number of bytes");
    }
    String id = SandboxJson.text(node, "id");
    String recordingType = SandboxJson.text(node, "recording_type");
    String start = SandboxJson.text(node, "recording_start");
    String end = SandboxJson.text(node, "recording_end");
    String trashed = SandboxJson.text(node, "trashed_at");
    return new RecordingFile(
        id == null ? ids.fileId() : id,
        fileType,
        size,
        recordingType == null ? TYPES.get(fileType)[1] : recordingType,
        start == null ? recordingStart : SeedTime.resolve(start, base),
        end == null ? recordingEnd : SeedTime.resolve(end, base),
        trashed == null ? null : SeedTime.resolve(trashed, base));
  }

  ObjectNode toJson() {
    ObjectNode node = SandboxJson.object();
    node.put("id", id);
    node.put("file_type", fileType);
    node.put("file_size", size);
    node.put("recording_type", recordingType);
    node.put("recording_start", SandboxJson.time(start));
    node.put("recording_end", SandboxJson.time(end));
    if (trashedAt != null) {
      node.put("trashed_at", SandboxJson.time(trashedAt));
    }
    return node;
  }

  /**
   * The file as Zoom lists it.
   *
   * @param deletedTime when it went to the trash, for trash listings; null otherwise
   */
  ObjectNode render(String origin, String meetingUuid, Instant deletedTime) {
    ObjectNode node = SandboxJson.object();
    node.put("id", id);
    node.put("meeting_id", meetingUuid);
    node.put("recording_start", SandboxJson.time(start));
    node.put("recording_end", SandboxJson.time(end));
    node.put("file_type", fileType);
    node.put("file_extension", extension());
    node.put("file_size", size);
    node.put("play_url", origin + "/rec/play/" + id);
    node.put("download_url", origin + "/rec/download/" + id);
    node.put("status", "completed");
    node.put("recording_type", recordingType);
    if (deletedTime != null) {
      node.put("deleted_time", SandboxJson.time(deletedTime));
    }
    return node;
  }

  String id() {
    return id;
  }

  String fileType() {
    return fileType;
  }

  String extension() {
    return TYPES.get(fileType)[0];
  }

  String contentType() {
    return TYPES.get(fileType)[2];
  }

  long size() {
    return size;
  }

  Instant trashedAt() {
    return trashedAt;
  }

  void trash(Instant when) {
    trashedAt = when;
  }
}
