package dev.patchbay.zoom.common;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.PathSegments;
import tools.jackson.databind.JsonNode;

/**
 * The {@code meetingId} input: a meeting id (int64 JSON integer) or, for recordings, a meeting instance UUID.
 */
public final class MeetingIds {

  private MeetingIds() {}

  /** The meetingId input as given, to echo in outputs without touching its number. */
  public static JsonNode required(JsonNode input) throws ConnectorException {
    return Inputs.required(input, "meetingId");
  }

  /** The id as text: integers by their exact digits, because an int64 id can exceed a double's 53 bits. */
  public static String text(JsonNode meetingId) {
    return meetingId.isIntegralNumber() ? meetingId.bigIntegerValue().toString() : meetingId.asString();
  }

  /**
   * The value for a {@code {meetingId}} path parameter. Zoom wants a UUID that starts with "/" or contains "//"
   * double-encoded; {@code ApiRequest} encodes path parameters once, so such a UUID is handed over encoded once.
   */
  public static String pathValue(JsonNode meetingId) {
    String id = text(meetingId);
    return id.startsWith("/") || id.contains("//") ? PathSegments.encode(id) : id;
  }
}
