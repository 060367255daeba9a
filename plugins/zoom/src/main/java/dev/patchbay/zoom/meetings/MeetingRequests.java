package dev.patchbay.zoom.meetings;

import dev.patchbay.api.ApiRequest;
import dev.patchbay.zoom.common.MeetingIds;
import tools.jackson.databind.JsonNode;

/** Requests more than one meeting activity sends. */
final class MeetingRequests {

  private MeetingRequests() {}

  static ApiRequest.Builder get(JsonNode meetingId) {
    return ApiRequest.get("/meetings/{meetingId}").pathParam("meetingId", MeetingIds.pathValue(meetingId));
  }
}
