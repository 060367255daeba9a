package dev.patchbay.zoom.sandbox;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The meeting endpoints: create, get, list, update, delete, and end or recover through the status endpoint. */
final class MeetingsApi {

  private static final Set<String> LIST_TYPES =
      Set.of("scheduled", "live", "upcoming", "upcoming_meetings", "previous_meetings");
  /** Lists show scheduled and recurring meetings; instant (1) and screen-share (10) meetings never appear. */
  private static final Set<Integer> LISTED_TYPES = Set.of(2, 3, 8);

  Response create(ApiCall call) {
    Services services = call.services();
    synchronized (services.state()) {
      ObjectNode pathUser = call.user(0);
      call.requireAccessTo(pathUser);
      ObjectNode body = call.request().jsonObject();
      MeetingValidation.validate(body);
      ObjectNode host = pathUser;
      ObjectNode scheduler = null;
      String scheduleFor = SandboxJson.text(body, "schedule_for");
      if (scheduleFor != null) {
        if (body.path("type").asInt(2) == 1) {
          throw ApiError.zoom(400, 3000, "Instant meetings do not support the schedule_for parameter, and you can't "
              + "schedule an instant meeting for another user.");
        }
        ObjectNode other = scheduleFor(call, scheduleFor);
        if (other != pathUser) {
          call.requireAccessTo(other);
          scheduler = pathUser;
          host = other;
        }
      }
      services.rateLimits().countMeetingWrite(Users.id(host));
      Instant now = services.clock().instant();
      ObjectNode meeting = services.meetings().create(host, scheduler, body, now);
      services.state().addMeeting(meeting);
      services.state().changed();
      return Response.json(201, services.meetings().render(meeting, services.origin(), null, false, now));
    }
  }

  Response get(ApiCall call) {
    Services services = call.services();
    synchronized (services.state()) {
      ObjectNode meeting = meeting(call);
      call.requireAccessTo(call.host(meeting.path("host_id").asString()));
      boolean showPrevious = flag(call, "show_previous_occurrences");
      return Response.json(200, services.meetings().render(meeting, services.origin(),
          emptyToNull(call.request().query("occurrence_id")), showPrevious, services.clock().instant()));
    }
  }

  Response list(ApiCall call) {
    Services services = call.services();
    Request request = call.request();
    synchronized (services.state()) {
      ObjectNode user = call.user(0);
      call.requireAccessTo(user);
      String type = request.query().getOrDefault("type", "scheduled");
      if (!LIST_TYPES.contains(type)) {
        throw ApiError.invalidField("type");
      }
      ZoneId zone = zone(request.query("timezone"), Users.zone(user));
      LocalDate from = date(request.query("from"), "from");
      LocalDate to = date(request.query("to"), "to");
      Instant now = services.clock().instant();
      List<ObjectNode> listed = services.state().meetingsOf(Users.id(user)).stream()
          .filter(meeting -> LISTED_TYPES.contains(meeting.path("type").asInt()))
          .filter(meeting -> ofType(meeting, type, now))
          .filter(meeting -> inDates(meeting, from, to, zone))
          .sorted(Comparator.comparing(MeetingsApi::sortKey))
          .toList();
      Pages.Page<ObjectNode> page = services.pages().page(request, listed, MeetingsApi::sortKey, Comparator.naturalOrder());
      ObjectNode body = SandboxJson.object();
      body.put("next_page_token", page.nextPageToken());
      body.put("page_count", page.pageCount());
      body.put("page_size", page.pageSize());
      body.put("total_records", page.totalRecords());
      ArrayNode meetings = body.putArray("meetings");
      page.items().forEach(meeting -> meetings.add(services.meetings().summary(meeting, services.origin())));
      return Response.json(200, body);
    }
  }

  Response update(ApiCall call) {
    Services services = call.services();
    synchronized (services.state()) {
      ObjectNode meeting = meeting(call);
      ObjectNode host = call.host(meeting.path("host_id").asString());
      call.requireAccessTo(host);
      ObjectNode body = call.request().jsonObject();
      MeetingValidation.validate(body);
      ObjectNode newHost = null;
      String scheduleFor = SandboxJson.text(body, "schedule_for");
      if (scheduleFor != null) {
        ObjectNode other = scheduleFor(call, scheduleFor);
        if (other != host) {
          call.requireAccessTo(other);
          newHost = other;
        }
      }
      services.rateLimits().countMeetingWrite(Users.id(newHost == null ? host : newHost));
      Instant now = services.clock().instant();
      String occurrenceId = emptyToNull(call.request().query("occurrence_id"));
      ObjectNode updated = occurrenceId == null
          ? services.meetings().update(meeting, newHost, body, now)
          : services.meetings().updateOccurrence(meeting, occurrenceId, body, now);
      services.state().replaceMeeting(updated);
      services.state().changed();
      return Response.empty(204);
    }
  }

  Response delete(ApiCall call) {
    Services services = call.services();
    synchronized (services.state()) {
      ObjectNode meeting = meeting(call);
      call.requireAccessTo(call.host(meeting.path("host_id").asString()));
      flag(call, "schedule_for_reminder");
      flag(call, "cancel_meeting_reminder");
      String occurrenceId = emptyToNull(call.request().query("occurrence_id"));
      if (occurrenceId == null) {
        services.state().deleteMeeting(meeting.path("id").asLong());
      } else {
        services.state().replaceMeeting(services.meetings().deleteOccurrence(meeting, occurrenceId));
      }
      services.state().changed();
      return Response.empty(204);
    }
  }

  /** {@code {"action":"end"}} ends a live meeting; {@code {"action":"recover"}} brings back a deleted one. */
  Response status(ApiCall call) {
    Services services = call.services();
    synchronized (services.state()) {
      long id = meetingNumber(call.parameter(0));
      ObjectNode live = services.state().meeting(id);
      ObjectNode deleted = services.state().deletedMeeting(id);
      if (live == null && deleted == null) {
        throw meetingNotFound(call.parameter(0));
      }
      ObjectNode meeting = live != null ? live : deleted;
      call.requireAccessTo(call.host(meeting.path("host_id").asString()));
      String action = SandboxJson.text(call.request().jsonObject(), "action");
      if ("end".equals(action)) {
        if (live == null) {
          throw meetingNotFound(call.parameter(0));
        }
        if (!"started".equals(live.path("status").asString())) {
          throw ApiError.zoom(400, 3000, "Meeting is not in progress: " + id + ".");
        }
        ObjectNode ended = live.deepCopy();
        ended.put("status", "waiting");
        services.state().replaceMeeting(ended);
      } else if ("recover".equals(action)) {
        if (deleted == null) {
          throw ApiError.zoom(400, 3000, "Meeting is not deleted: " + id + ".");
        }
        services.state().recoverMeeting(id);
      } else {
        throw ApiError.invalidField("action");
      }
      services.state().changed();
      return Response.empty(204);
    }
  }

  /** The meeting a {meetingId} path parameter names, or Zoom's 3001 error. */
  private static ObjectNode meeting(ApiCall call) {
    ObjectNode meeting = call.services().state().meeting(meetingNumber(call.parameter(0)));
    if (meeting == null) {
      throw meetingNotFound(call.parameter(0));
    }
    return meeting;
  }

  private static long meetingNumber(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw meetingNotFound(text);
    }
  }

  private static ApiError meetingNotFound(String id) {
    return ApiError.zoom(404, 3001, "Meeting does not exist: " + id + ".");
  }

  private static ObjectNode scheduleFor(ApiCall call, String reference) {
    ObjectNode user = call.services().state().user(reference);
    if (user == null) {
      throw ApiError.zoom(400, 300, "The value that you entered in the schedule_for field is invalid. Enter a valid "
          + "value and try again.");
    }
    return user;
  }

  /** Whether the meeting belongs in a listing of this type. */
  private static boolean ofType(ObjectNode meeting, String type, Instant now) {
    boolean live = "started".equals(meeting.path("status").asString());
    switch (type) {
      case "live":
        return live;
      case "upcoming":
      case "upcoming_meetings":
        return live || starts(meeting).stream().anyMatch(start -> !start.isBefore(now));
      case "previous_meetings":
        List<Instant> starts = starts(meeting);
        return !live && !starts.isEmpty()
            && starts.get(starts.size() - 1).plusSeconds(60L * meeting.path("duration").asInt()).isBefore(now);
      default:
        return true;
    }
  }

  /** Start times of a meeting: its occurrences' when it has them, none without a fixed time. */
  private static List<Instant> starts(ObjectNode meeting) {
    if (meeting.path("occurrences").isArray()) {
      return meeting.path("occurrences").valueStream()
          .filter(occurrence -> !"deleted".equals(occurrence.path("status").asString()))
          .map(occurrence -> Instant.parse(occurrence.path("start_time").asString()))
          .toList();
    }
    return meeting.has("start_time") ? List.of(Instant.parse(meeting.path("start_time").asString())) : List.of();
  }

  private static boolean inDates(ObjectNode meeting, LocalDate from, LocalDate to, ZoneId zone) {
    if (from == null && to == null) {
      return true;
    }
    if (!meeting.has("start_time")) {
      return false;
    }
    LocalDate day = LocalDate.ofInstant(Instant.parse(meeting.path("start_time").asString()), zone);
    return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
  }

  /** Start time (creation time for meetings without one), then id: unique and in listing order. */
  private static String sortKey(ObjectNode meeting) {
    String time = meeting.has("start_time") ? meeting.path("start_time").asString()
        : meeting.path("created_at").asString();
    return time + "|" + String.format("%020d", meeting.path("id").asLong());
  }

  private static boolean flag(ApiCall call, String name) {
    String value = call.request().query(name);
    if (value == null || value.isEmpty()) {
      return false;
    }
    if (!value.equals("true") && !value.equals("false")) {
      throw ApiError.invalidField(name);
    }
    return value.equals("true");
  }

  private static LocalDate date(String value, String field) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiError.invalidField(field);
    }
  }

  private static ZoneId zone(String value, ZoneId fallback) {
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      return ZoneId.of(value);
    } catch (DateTimeException e) {
      throw ApiError.invalidField("timezone");
    }
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
