package dev.patchbay.zoom.recordings;

import dev.patchbay.api.ApiRequest;
import dev.patchbay.zoom.common.MeetingIds;
import tools.jackson.databind.JsonNode;

/** The one meeting-recordings resource the recording activities share. */
final class RecordingRequests {

  private RecordingRequests() {}

  static ApiRequest.Builder get(JsonNode meetingId) {
    return ApiRequest.get("/meetings/{meetingId}/recordings").pathParam("meetingId", MeetingIds.pathValue(meetingId));
  }
}
