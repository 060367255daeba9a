package dev.patchbay.zoom.recordings;

import dev.patchbay.api.Activity;
import dev.patchbay.api.ActivityContext;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.DownloadResult;
import dev.patchbay.api.ErrorCode;
import dev.patchbay.zoom.common.Inputs;
import dev.patchbay.zoom.common.MeetingIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code recordings.download}: saves one recording file, or every finished one, of a meeting into a directory.
 * Files Zoom cannot serve yet (still processing, empty, no link) are listed as skipped rather than failing the run.
 */
public final class DownloadRecordings implements Activity {

  @Override
  public JsonNode execute(ActivityContext context) throws ConnectorException {
    JsonNode input = context.input();
    JsonNode meetingId = MeetingIds.required(input);
    Path directory = directory(input);
    JsonNode recordings = context.http().send(RecordingRequests.get(meetingId).build()).body();

    ObjectNode output = JsonNodeFactory.instance.objectNode();
    output.set("meetingId", meetingId.deepCopy());
    ArrayNode files = output.putArray("files");
    ArrayNode skipped = output.putArray("skipped");
    RecordingFileNames names = new RecordingFileNames();
    String meetingNumber = recordings.path("id").isIntegralNumber() ? recordings.path("id").asString() : null;
    List<PlannedDownload> planned = new ArrayList<>();
    for (JsonNode file : selectFiles(recordings, meetingId, Inputs.text(input, "recordingId"))) {
      String reason = skipReason(file);
      if (reason == null) {
        Path target = directory.resolve(names.next(meetingNumber, MeetingIds.text(meetingId), file));
        planned.add(new PlannedDownload(file, target));
      } else {
        skipped.add(skippedEntry(file, reason));
      }
    }

    createDirectory(directory);
    boolean overwrite = Inputs.flag(input, "overwrite");
    // Checked for every file before the first download, so a refusal leaves nothing half done.
    if (!overwrite) {
      for (PlannedDownload download : planned) {
        if (!download.archivedWhole() && Files.exists(download.target(), LinkOption.NOFOLLOW_LINKS)) {
          throw new ConnectorException(ErrorCode.INVALID_INPUT, download.target() + " already exists and is not "
              + "this recording file whole (" + download.sizeOnDisk() + " bytes, Zoom has "
              + download.expectedBytes() + "); set overwrite to true to replace it");
        }
      }
    }
    for (PlannedDownload download : planned) {
      files.add(!overwrite && download.archivedWhole() ? download.alreadyArchived() : download.run(context));
    }
    return output;
  }

  private static Path directory(JsonNode input) throws ConnectorException {
    String directory = Inputs.requiredText(input, "directory");
    try {
      return Path.of(directory).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new ConnectorException(ErrorCode.INVALID_INPUT, "directory is not a valid path: " + directory, e);
    }
  }

  private static List<JsonNode> selectFiles(JsonNode recordings, JsonNode meetingId, String recordingId)
      throws ConnectorException {
    List<JsonNode> files = new ArrayList<>();
    for (JsonNode file : recordings.path("recording_files")) {
      if (recordingId == null || recordingId.equals(file.path("id").asString(null))) {
        files.add(file);
      }
    }
    if (recordingId != null && files.isEmpty()) {
      throw new ConnectorException(ErrorCode.NOT_FOUND,
          "meeting " + MeetingIds.text(meetingId) + " has no recording file " + recordingId);
    }
    return files;
  }

  /** Why a file cannot be downloaded now, or null when it can. */
  private static String skipReason(JsonNode file) {
    if (file.path("id").asString("").isBlank()) {
      // Zoom gives CC and TIMELINE files no id; without one the file could not be named or asked for again.
      return file.path("file_type").asString("recording") + " file has no id";
    }
    if (file.path("download_url").asString("").isBlank()) {
      return "no download_url";
    }
    String status = file.path("status").asString(null);
    if (!"completed".equals(status)) {
      return status == null ? "no status, so it may not be complete" : "status is " + status + ", not completed";
    }
    if (file.path("file_size").isNumber() && file.path("file_size").asLong() == 0) {
      return "file_size is 0";
    }
    return null;
  }

  private static ObjectNode skippedEntry(JsonNode file, String reason) {
    ObjectNode entry = JsonNodeFactory.instance.objectNode();
    String id = file.path("id").asString("");
    if (!id.isBlank()) {
      entry.put("recordingId", id);
    }
    entry.put("reason", reason);
    return entry;
  }

  private static void createDirectory(Path directory) throws ConnectorException {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new ConnectorException(ErrorCode.INVALID_INPUT, "cannot create the directory " + directory, e);
    }
  }

  private record PlannedDownload(JsonNode file, Path target) {

    /** Zoom's size of the file, or -1 (which tells the host Zoom announced none) when it gave no size. */
    long expectedBytes() {
      return file.path("file_size").isIntegralNumber() ? file.path("file_size").asLong() : -1;
    }

    long sizeOnDisk() {
      try {
        return Files.size(target);
      } catch (IOException e) {
        return -1;
      }
    }

    /**
     * Whether the target is already this file whole: a regular file (a link is never taken for the file) of Zoom's
     * size. Archive jobs run again and again; a file saved whole by an earlier run is done, not a conflict.
     */
    boolean archivedWhole() {
      return expectedBytes() > 0 && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
          && sizeOnDisk() == expectedBytes();
    }

    ObjectNode alreadyArchived() {
      ObjectNode entry = entry(target, expectedBytes());
      entry.put("status", "SKIPPED");
      entry.put("reason", "already in the directory whole (the size Zoom gives)");
      return entry;
    }

    ObjectNode run(ActivityContext context) throws ConnectorException {
      DownloadResult result = context.http().download(file.path("download_url").stringValue(), target,
          expectedBytes(), context.progress());
      ObjectNode entry = entry(result.path(), result.bytes());
      entry.put("status", "DOWNLOADED");
      return entry;
    }

    private ObjectNode entry(Path path, long bytes) {
      ObjectNode entry = JsonNodeFactory.instance.objectNode();
      entry.put("recordingId", file.path("id").asString());
      copyText(file, "file_type", entry, "fileType");
      copyText(file, "file_extension", entry, "fileExtension");
      entry.put("path", path.toString());
      entry.put("bytes", bytes);
      return entry;
    }

    private static void copyText(JsonNode from, String name, ObjectNode to, String as) {
      if (from.path(name).isString()) {
        to.put(as, from.path(name).stringValue());
      }
    }
  }
}
