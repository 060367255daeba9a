package dev.patchbay.zoom.sandbox;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The cloud-recording endpoints: list a user's, get a meeting's, and delete (to the trash or for good). */
final class RecordingsApi {

  private static final Pattern MEETING_NUMBER = Pattern.compile("\\d+");

  /** A recording and the files a listing shows of it. */
  private record Listed(Recording recording, List<RecordingFile> files) {
    String key() {
      return SandboxJson.time(recording.start()) + "|" + recording.uuid();
    }
  }

  Response list(ApiCall call) {
    Services services = call.services();
    Request request = call.request();
    synchronized (services.state()) {
      ObjectNode user = call.user(0);
      call.requireAccessTo(user);
      boolean trash = "true".equals(request.query("trash"));
      String trashType = request.query().getOrDefault("trash_type", "meeting_recordings");
      if (!trashType.equals("meeting_recordings") && !trashType.equals("recording_file")) {
        throw ApiError.invalidField("trash_type");
      }
      LocalDate today = LocalDate.ofInstant(services.clock().instant(), ZoneOffset.UTC);
      LocalDate from = date(request.query("from"), "from", today);
      LocalDate to = date(request.query("to"), "to", today.plusDays(1));
      // Zoom ignores the dates for the trash, so they are only checked for normal listings.
      if (!trash && from.isAfter(to)) {
        throw ApiError.zoom(400, 300, "The from date must not be after the to date.");
      }
      if (!trash && to.isAfter(from.plusMonths(1))) {
        throw ApiError.zoom(400, 300, "The date range between from and to can be a month at most.");
      }
      Long meetingId = meetingIdFilter(request.query("meeting_id"));
      List<Listed> listed = new ArrayList<>();
      for (Recording recording : services.state().recordings()) {
        if (!recording.hostId().equals(Users.id(user))
            || (meetingId != null && recording.meetingId() != meetingId)) {
          continue;
        }
        List<RecordingFile> files;
        if (trash) {
          files = trashType.equals("meeting_recordings")
              ? (recording.trashedAt() != null ? recording.files() : List.of())
              : recording.trashedFiles();
        } else {
          LocalDate day = LocalDate.ofInstant(recording.start(), ZoneOffset.UTC);
          files = day.isBefore(from) || day.isAfter(to) ? List.of() : recording.visibleFiles();
        }
        if (!files.isEmpty()) {
          listed.add(new Listed(recording, files));
        }
      }
      // Newest first, as Zoom's web portal shows them.
      listed.sort(Comparator.comparing(Listed::key).reversed());
      Pages.Page<Listed> page =
          services.pages().page(request, listed, Listed::key, Comparator.<String>naturalOrder().reversed());
      ObjectNode body = SandboxJson.object();
      body.put("from", from.toString());
      body.put("to", to.toString());
      body.put("page_count", page.pageCount());
      body.put("page_size", page.pageSize());
      body.put("total_records", page.totalRecords());
      body.put("next_page_token", page.nextPageToken());
      ArrayNode meetings = body.putArray("meetings");
      for (Listed item : page.items()) {
        meetings.add(item.recording().render(services.origin(), services.state().accountId(), item.files(), trash,
            false));
      }
      return Response.json(200, body);
    }
  }

  Response get(ApiCall call) {
    Services services = call.services();
    synchronized (services.state()) {
      Recording recording = recording(call);
      call.requireAccessTo(call.host(recording.hostId()));
      return Response.json(200, recording.render(services.origin(), services.state().accountId(),
          recording.visibleFiles(), false, true));
    }
  }

  Response deleteAll(ApiCall call) {
    Services services = call.services();
    synchronized (services.state()) {
      Recording recording = recording(call);
      call.requireAccessTo(call.host(recording.hostId()));
      if (trash(call)) {
        recording.trash(services.clock().instant());
      } else {
        services.state().removeRecording(recording);
      }
      services.state().changed();
      return Response.empty(204);
    }
  }

  Response deleteFile(ApiCall call) {
    Services services = call.services();
    synchronized (services.state()) {
      Recording recording = recording(call);
      call.requireAccessTo(call.host(recording.hostId()));
      RecordingFile file = recording.visibleFile(call.parameter(1)).orElseThrow(RecordingsApi::noRecording);
      if (trash(call)) {
        file.trash(services.clock().instant());
      } else {
        recording.removeFile(file);
        if (recording.files().isEmpty()) {
          services.state().removeRecording(recording);
        }
      }
      services.state().changed();
      return Response.empty(204);
    }
  }

  /**
   * The recording a {meetingId} path parameter names: a meeting number means the meeting's latest instance with
   * recordings, anything else is an instance UUID.
   */
  private static Recording recording(ApiCall call) {
    String reference = call.parameter(0);
    boolean number = MEETING_NUMBER.matcher(reference).matches();
    return call.services().state().recordings().stream()
        .filter(recording -> !recording.visibleFiles().isEmpty())
        .filter(recording -> number
            ? String.valueOf(recording.meetingId()).equals(reference)
            : recording.uuid().equals(reference))
        .max(Comparator.comparing(Recording::start))
        .orElseThrow(RecordingsApi::noRecording);
  }

  private static ApiError noRecording() {
    return ApiError.zoom(404, 3301, "There is no recording for this meeting.");
  }

  /** The action query parameter: trash (the default) or delete. */
  private static boolean trash(ApiCall call) {
    String action = call.request().query().getOrDefault("action", "trash");
    if (!action.equals("trash") && !action.equals("delete")) {
      throw ApiError.invalidField("action");
    }
    return action.equals("trash");
  }

  private static LocalDate date(String value, String field, LocalDate fallback) {
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiError.invalidField(field);
    }
  }

  private static Long meetingIdFilter(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ApiError.invalidField("meeting_id");
    }
  }
}
