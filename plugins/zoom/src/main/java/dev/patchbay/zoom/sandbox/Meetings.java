package dev.patchbay.zoom.sandbox;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Zoom meeting objects: built from a create body or seed entry with Zoom's defaults, changed by a partial update,
 * and rendered as {@code GET /meetings/{meetingId}} and the list endpoint return them. A stored meeting is the
 * response object without its URLs, which point at the running sandbox and so are added when rendering.
 */
final class Meetings {

  private static final int AGENDA_IN_LISTS = 250;

  private final Ids ids;

  Meetings(Ids ids) {
    this.ids = ids;
  }

  /**
   * A meeting created through {@code POST /users/{userId}/meetings}.
   *
   * @param scheduler the user the request was made for when the meeting is scheduled for another host, else null
   */
  ObjectNode create(ObjectNode host, ObjectNode scheduler, ObjectNode body, Instant now) {
    MeetingValidation.validate(body);
    ObjectNode meeting = SandboxJson.object();
    meeting.put("uuid", ids.meetingUuid());
    meeting.put("id", ids.meetingNumber());
    meeting.put("host_id", Users.id(host));
    meeting.put("host_email", Users.email(host));
    if (scheduler != null) {
      meeting.put("assistant_id", Users.id(scheduler));
    }
    meeting.put("topic", body.path("topic").asString(defaultTopic(host)));
    meeting.put("type", body.path("type").asInt(2));
    meeting.put("status", "waiting");
    meeting.put("timezone", body.path("timezone").asString(Users.zone(host).getId()));
    meeting.put("duration", body.path("duration").asInt(60));
    meeting.put("agenda", body.path("agenda").asString(""));
    meeting.put("created_at", SandboxJson.time(now));
    String password = body.path("password").asString(null);
    if (password == null && body.path("default_password").asBoolean(true)) {
      password = ids.alphanumeric(6);
    }
    putPasswords(meeting, password);
    meeting.put("pre_schedule", body.path("pre_schedule").asBoolean(false));
    meeting.put("creation_source", "open_api");
    meeting.set("settings", defaultSettings());
    applyFields(meeting, body);
    if (body.has("start_time")) {
      meeting.put("start_time", SandboxJson.time(notBefore(startTime(body, meeting), now)));
    }
    return shape(meeting, now, null);
  }

  /** A meeting of seed or state data: what the entry gives is kept, the rest is filled as create would. */
  ObjectNode seed(ObjectNode host, JsonNode entry, Instant base) {
    ObjectNode meeting = ((ObjectNode) entry).deepCopy();
    meeting.remove("host");
    String start = SandboxJson.text(meeting, "start_time");
    if (start != null) {
      meeting.remove("start_time");
    }
    MeetingValidation.validate(meeting);
    if (meeting.has("id") && !meeting.get("id").isIntegralNumber()) {
      throw new IllegalArgumentException("id must be a meeting number");
    }
    if (meeting.has("uuid") && !meeting.get("uuid").isString()) {
      throw new IllegalArgumentException("uuid must be a string");
    }
    if (meeting.has("status") && !List.of("waiting", "started").contains(meeting.get("status").asString())) {
      throw new IllegalArgumentException("status must be waiting or started");
    }
    if (start != null) {
      meeting.put("start_time", SandboxJson.time(SeedTime.resolve(start, base)));
    }
    if (!meeting.has("uuid")) {
      meeting.put("uuid", ids.meetingUuid());
    }
    if (!meeting.has("id")) {
      meeting.put("id", ids.meetingNumber());
    }
    meeting.put("host_id", Users.id(host));
    meeting.put("host_email", Users.email(host));
    putIfAbsent(meeting, "topic", defaultTopic(host));
    if (!meeting.has("type")) {
      meeting.put("type", 2);
    }
    putIfAbsent(meeting, "status", "waiting");
    putIfAbsent(meeting, "timezone", Users.zone(host).getId());
    if (!meeting.has("duration")) {
      meeting.put("duration", 60);
    }
    putIfAbsent(meeting, "agenda", "");
    putIfAbsent(meeting, "created_at", SandboxJson.time(base));
    if (!meeting.has("encrypted_password")) {
      putPasswords(meeting, meeting.has("password") ? meeting.path("password").asString() : ids.alphanumeric(6));
    }
    if (!meeting.has("pre_schedule")) {
      meeting.put("pre_schedule", false);
    }
    putIfAbsent(meeting, "creation_source", "web_portal");
    ObjectNode settings = defaultSettings();
    if (meeting.path("settings").isObject()) {
      settings.setAll((ObjectNode) meeting.path("settings"));
    }
    meeting.set("settings", settings);
    if (!meeting.has("start_time") && meeting.path("type").asInt() != 3) {
      meeting.put("start_time", SandboxJson.time(base));
    }
    return meeting.has("occurrences") ? meeting : shape(meeting, base, null);
  }

  /**
   * The meeting after {@code PATCH /meetings/{meetingId}}; the stored one is left untouched, so a refused update
   * changes nothing.
   *
   * @param newHost the host named by schedule_for, or null to keep the host
   */
  ObjectNode update(ObjectNode stored, ObjectNode newHost, ObjectNode body, Instant now) {
    MeetingValidation.validate(body);
    ObjectNode meeting = stored.deepCopy();
    if (newHost != null) {
      meeting.put("host_id", Users.id(newHost));
      meeting.put("host_email", Users.email(newHost));
    }
    for (String field : List.of("topic", "agenda", "timezone")) {
      if (body.has(field)) {
        meeting.put(field, body.path(field).asString());
      }
    }
    for (String field : List.of("type", "duration")) {
      if (body.has(field)) {
        meeting.put(field, body.path(field).asInt());
      }
    }
    if (body.has("pre_schedule")) {
      meeting.put("pre_schedule", body.path("pre_schedule").asBoolean());
    }
    if (body.has("password")) {
      putPasswords(meeting, body.path("password").asString());
    }
    applyFields(meeting, body);
    if (body.has("start_time")) {
      meeting.put("start_time", SandboxJson.time(notBefore(startTime(body, meeting), now)));
    }
    return shape(meeting, now, stored.path("occurrences"));
  }

  /** Changes one occurrence of a recurring meeting: only its start time and duration, as Zoom allows. */
  ObjectNode updateOccurrence(ObjectNode stored, String occurrenceId, ObjectNode body, Instant now) {
    MeetingValidation.validate(body);
    ObjectNode meeting = stored.deepCopy();
    ObjectNode occurrence = occurrence(meeting, occurrenceId);
    if (body.has("start_time")) {
      occurrence.put("start_time", SandboxJson.time(notBefore(startTime(body, meeting), now)));
    }
    if (body.has("duration")) {
      occurrence.put("duration", body.path("duration").asInt());
    }
    return meeting;
  }

  /** The meeting with one occurrence marked deleted. */
  ObjectNode deleteOccurrence(ObjectNode stored, String occurrenceId) {
    ObjectNode meeting = stored.deepCopy();
    occurrence(meeting, occurrenceId).put("status", "deleted");
    return meeting;
  }

  /**
   * The meeting as {@code GET /meetings/{meetingId}} and create return it.
   *
   * @param occurrenceId the occurrence to show, or null for the meeting
   * @param showPrevious whether occurrences that have already started are listed
   */
  ObjectNode render(ObjectNode stored, String origin, String occurrenceId, boolean showPrevious, Instant now) {
    ObjectNode meeting = stored.deepCopy();
    long id = meeting.path("id").asLong();
    meeting.put("join_url", joinUrl(stored, origin));
    meeting.put("start_url", origin + "/s/" + id + "?zak=" + ids.token(48));
    meeting.put("chat_join_url", origin + "/launch/jc/" + id);
    if (meeting.path("settings").path("approval_type").asInt(2) != 2) {
      meeting.put("registration_url", origin + "/meeting/register/" + id);
    }
    if (occurrenceId != null) {
      ObjectNode occurrence = occurrence(meeting, occurrenceId);
      meeting.put("start_time", occurrence.path("start_time").asString());
      meeting.put("duration", occurrence.path("duration").asInt());
    }
    if (meeting.path("occurrences").isArray() && !showPrevious) {
      ArrayNode upcoming = SandboxJson.array();
      for (JsonNode occurrence : meeting.path("occurrences")) {
        if (!Instant.parse(occurrence.path("start_time").asString()).isBefore(now)) {
          upcoming.add(occurrence);
        }
      }
      meeting.set("occurrences", upcoming);
    }
    return meeting;
  }

  /** A meeting as {@code GET /users/{userId}/meetings} lists it. */
  ObjectNode summary(ObjectNode stored, String origin) {
    ObjectNode summary = SandboxJson.object();
    summary.put("uuid", stored.path("uuid").asString());
    summary.put("id", stored.path("id").asLong());
    summary.put("host_id", stored.path("host_id").asString());
    summary.put("topic", stored.path("topic").asString());
    summary.put("type", stored.path("type").asInt());
    if (stored.has("start_time")) {
      summary.put("start_time", stored.path("start_time").asString());
    }
    summary.put("duration", stored.path("duration").asInt());
    summary.put("timezone", stored.path("timezone").asString());
    String agenda = stored.path("agenda").asString("");
    summary.put("agenda", agenda.length() > AGENDA_IN_LISTS ? agenda.substring(0, AGENDA_IN_LISTS) : agenda);
    summary.put("created_at", stored.path("created_at").asString());
    summary.put("join_url", joinUrl(stored, origin));
    return summary;
  }

  /** The join link carries the passcode in the form Zoom's does: the encrypted passcode without its ".1" suffix. */
  private static String joinUrl(ObjectNode meeting, String origin) {
    String encrypted = meeting.path("encrypted_password").asString("");
    int dot = encrypted.indexOf('.');
    String pwd = dot < 0 ? encrypted : encrypted.substring(0, dot);
    return origin + "/j/" + meeting.path("id").asLong() + (pwd.isEmpty() ? "" : "?pwd=" + pwd);
  }

  /** Settings are merged key by key; the other structured fields are replaced. */
  private static void applyFields(ObjectNode meeting, ObjectNode body) {
    if (body.has("settings")) {
      ObjectNode settings = meeting.path("settings").isObject()
          ? (ObjectNode) meeting.get("settings") : meeting.putObject("settings");
      settings.setAll((ObjectNode) body.get("settings"));
    }
    for (String field : List.of("recurrence", "tracking_fields")) {
      if (body.has(field)) {
        meeting.set(field, body.get(field).deepCopy());
      }
    }
    if (body.has("template_id")) {
      meeting.put("template_id", body.path("template_id").asString());
    }
  }

  /**
   * Makes the meeting consistent with its type: no start time for a recurring meeting without fixed time,
   * occurrences for one with fixed time (which therefore needs a recurrence).
   *
   * @param previous the occurrences before an update, whose deleted marks survive it, or null
   */
  private static ObjectNode shape(ObjectNode meeting, Instant now, JsonNode previous) {
    int type = meeting.path("type").asInt();
    if (type == 3) {
      meeting.remove("start_time");
      meeting.remove("occurrences");
      return meeting;
    }
    if (!meeting.has("start_time")) {
      meeting.put("start_time", SandboxJson.time(now));
    }
    if (type != 8) {
      meeting.remove("recurrence");
      meeting.remove("occurrences");
      return meeting;
    }
    if (!meeting.path("recurrence").isObject()) {
      throw ApiError.invalidField("recurrence");
    }
    ArrayNode occurrences = Occurrences.compute(meeting.get("recurrence"),
        Instant.parse(meeting.path("start_time").asString()), meeting.path("duration").asInt(),
        MeetingValidation.zone(meeting.path("timezone").asString("UTC")));
    if (previous != null) {
      for (JsonNode old : previous) {
        if ("deleted".equals(old.path("status").asString())) {
          for (JsonNode occurrence : occurrences) {
            if (occurrence.path("occurrence_id").equals(old.path("occurrence_id"))) {
              ((ObjectNode) occurrence).put("status", "deleted");
            }
          }
        }
      }
    }
    meeting.set("occurrences", occurrences);
    return meeting;
  }

  private static ObjectNode occurrence(ObjectNode meeting, String occurrenceId) {
    for (JsonNode occurrence : meeting.path("occurrences")) {
      if (occurrenceId.equals(occurrence.path("occurrence_id").asString())) {
        return (ObjectNode) occurrence;
      }
    }
    throw ApiError.zoom(400, 300, "Invalid parameter: occurrence_id.");
  }

  /**
   * The body's start time: {@code yyyy-MM-ddTHH:mm:ssZ} is UTC; without the Z it is local time in the meeting's
   * timezone.
   */
  private static Instant startTime(ObjectNode body, ObjectNode meeting) {
    String text = body.path("start_time").asString();
    try {
      if (text.endsWith("Z") || text.endsWith("z")) {
        return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT)).toInstant();
      }
      if (text.matches(".*[+-]\\d{2}:\\d{2}$")) {
        return OffsetDateTime.parse(text).toInstant();
      }
      ZoneId zone = MeetingValidation.zone(meeting.path("timezone").asString("UTC"));
      return LocalDateTime.parse(text).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiError.invalidField("start_time");
    }
  }

  /** "If start_time is not specified or is set to a past value, it defaults to the current time." */
  private static Instant notBefore(Instant start, Instant now) {
    return start.isBefore(now) ? now : start;
  }

  private void putPasswords(ObjectNode meeting, String password) {
    if (password == null || password.isEmpty()) {
      meeting.put("password", "");
      meeting.remove(List.of("h323_password", "pstn_password", "encrypted_password"));
      return;
    }
    meeting.put("password", password);
    String digits = ids.digits(6);
    meeting.put("h323_password", digits);
    meeting.put("pstn_password", digits);
    meeting.put("encrypted_password", ids.token(24) + ".1");
  }

  private static String defaultTopic(ObjectNode host) {
    return host.path("display_name").asString(Users.email(host)) + "'s Zoom Meeting";
  }

  private static void putIfAbsent(ObjectNode node, String field, String value) {
    if (!node.has(field)) {
      node.put(field, value);
    }
  }

  /** The settings Zoom gives a meeting the body says nothing about (a Pro user's defaults). */
  private static ObjectNode defaultSettings() {
    ObjectNode settings = SandboxJson.object();
    settings.put("host_video", false);
    settings.put("participant_video", false);
    settings.put("cn_meeting", false);
    settings.put("in_meeting", false);
    settings.put("join_before_host", false);
    settings.put("jbh_time", 0);
    settings.put("mute_upon_entry", false);
    settings.put("watermark", false);
    settings.put("use_pmi", false);
    settings.put("approval_type", 2);
    settings.put("audio", "both");
    settings.put("auto_recording", "none");
    settings.put("enforce_login", false);
    settings.put("enforce_login_domains", "");
    settings.put("alternative_hosts", "");
    settings.put("alternative_host_update_polls", false);
    settings.put("close_registration", false);
    settings.put("show_share_button", false);
    settings.put("allow_multiple_devices", false);
    settings.put("registrants_confirmation_email", true);
    settings.put("waiting_room", false);
    settings.put("request_permission_to_unmute_participants", false);
    settings.put("registrants_email_notification", true);
    settings.put("meeting_authentication", false);
    settings.put("encryption_type", "enhanced_encryption");
    settings.putObject("breakout_room").put("enable", false);
    settings.put("internal_meeting", false);
    settings.putObject("continuous_meeting_chat").put("enable", false);
    settings.put("participant_focused_meeting", false);
    settings.put("push_change_to_calendar", false);
    settings.put("auto_start_meeting_summary", false);
    settings.put("auto_start_ai_companion_questions", false);
    settings.put("device_testing", false);
    settings.put("email_notification", true);
    settings.put("host_save_video_order", false);
    settings.put("disable_participant_video", false);
    settings.put("email_in_attendee_report", false);
    return settings;
  }
}
