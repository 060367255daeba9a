package dev.patchbay.zoom.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * The Zoom REST endpoints the sandbox serves, each with its rate-limit label and the scopes Zoom accepts for it
 * (holding any one suffices), as Zoom's OpenAPI documents list them in {@code x-macro-scopes} and
 * {@code x-granular-scopes}. Paths are written as in those documents, relative to /v2.
 */
enum ZoomEndpoint {
  GET_USER("GET", "/users/{userId}", RateLimitCategory.LIGHT,
      "user:read", "user:write", "user:read:admin", "user:write:admin", "user_profile", "user_info:read",
      "user:read:user", "user:read:user:admin"),
  CREATE_MEETING("POST", "/users/{userId}/meetings", RateLimitCategory.LIGHT,
      "meeting:write", "meeting:write:admin", "meeting:write:meeting", "meeting:write:meeting:admin"),
  LIST_MEETINGS("GET", "/users/{userId}/meetings", RateLimitCategory.MEDIUM,
      "meeting:read", "meeting:read:admin", "meeting:read:list_meetings", "meeting:read:list_meetings:admin"),
  GET_MEETING("GET", "/meetings/{meetingId}", RateLimitCategory.LIGHT,
      "meeting:read", "meeting:read:admin", "meeting:read:meeting", "meeting:read:meeting:admin"),
  UPDATE_MEETING("PATCH", "/meetings/{meetingId}", RateLimitCategory.LIGHT,
      "meeting:write", "meeting:write:admin", "meeting:update:meeting", "meeting:update:meeting:admin"),
  DELETE_MEETING("DELETE", "/meetings/{meetingId}", RateLimitCategory.LIGHT,
      "meeting:write", "meeting:write:admin", "meeting:delete:meeting", "meeting:delete:meeting:admin"),
  UPDATE_MEETING_STATUS("PUT", "/meetings/{meetingId}/status", RateLimitCategory.LIGHT,
      "meeting:write", "meeting:write:admin", "meeting:update:status", "meeting:update:status:admin"),
  LIST_RECORDINGS("GET", "/users/{userId}/recordings", RateLimitCategory.MEDIUM,
      "recording:read", "recording:read:admin", "cloud_recording:read:list_user_recordings",
      "cloud_recording:read:list_user_recordings:admin", "cloud_recording:read:list_user_recordings:master"),
  GET_RECORDINGS("GET", "/meetings/{meetingId}/recordings", RateLimitCategory.LIGHT,
      "recording:read", "phone_recording:read:admin", "cloud_recording:read:list_recording_files",
      "cloud_recording:read:list_recording_files:admin", "cloud_recording:read:list_recording_files:master"),
  DELETE_RECORDINGS("DELETE", "/meetings/{meetingId}/recordings", RateLimitCategory.LIGHT,
      "recording:write", "recording:write:admin", "cloud_recording:delete:meeting_recording",
      "cloud_recording:delete:meeting_recording:admin", "cloud_recording:delete:meeting_recording:master"),
  DELETE_RECORDING_FILE("DELETE", "/meetings/{meetingId}/recordings/{recordingId}", RateLimitCategory.LIGHT,
      "recording:write", "recording:write:admin", "cloud_recording:delete:recording_file",
      "cloud_recording:delete:recording_file:admin", "cloud_recording:delete:recording_file:master");

  /** Zoom: "The user_info:read scope is only available when you pass the me value." */
  private static final String ME_ONLY_SCOPE = "user_info:read";

  private final String method;
  private final String path;
  private final RateLimitCategory category;
  private final List<String> scopes;
  private final String[] pattern;

  ZoomEndpoint(String method, String path, RateLimitCategory category, String... scopes) {
    this.method = method;
    this.path = path;
    this.category = category;
    this.scopes = List.of(scopes);
    this.pattern = path.substring(1).split("/");
  }

  String method() {
    return method;
  }

  /** The path template as Zoom's OpenAPI documents write it. */
  String path() {
    return path;
  }

  RateLimitCategory category() {
    return category;
  }

  /** Every scope Zoom lists for the endpoint. */
  List<String> scopes() {
    return scopes;
  }

  /** The scopes that authorize a call with these path parameters. */
  List<String> scopes(List<String> parameters) {
    if (this != GET_USER || "me".equals(parameters.get(0))) {
      return scopes;
    }
    List<String> withoutMeOnly = new ArrayList<>(scopes);
    withoutMeOnly.remove(ME_ONLY_SCOPE);
    return withoutMeOnly;
  }

  /** The path parameters when the segments (below /v2) match this endpoint's path, else null. */
  List<String> match(List<String> segments) {
    if (segments.size() != pattern.length) {
      return null;
    }
    List<String> parameters = new ArrayList<>();
    for (int i = 0; i < pattern.length; i++) {
      if (pattern[i].startsWith("{")) {
        if (segments.get(i).isEmpty()) {
          return null;
        }
        parameters.add(segments.get(i));
      } else if (!pattern[i].equals(segments.get(i))) {
        return null;
      }
    }
    return parameters;
  }
}
