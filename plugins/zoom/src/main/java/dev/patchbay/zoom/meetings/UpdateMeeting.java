package dev.patchbay.zoom.meetings;

import dev.patchbay.api.Activity;
import dev.patchbay.api.ActivityContext;
import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.zoom.common.Inputs;
import dev.patchbay.zoom.common.MeetingIds;
import tools.jackson.databind.JsonNode;

/** {@code meetings.update}: a partial update, answered with the meeting as it stands afterwards. */
public final class UpdateMeeting implements Activity {

  @Override
  public JsonNode execute(ActivityContext context) throws ConnectorException {
    JsonNode input = context.input();
    JsonNode meetingId = MeetingIds.required(input);
    String occurrenceId = Inputs.text(input, "occurrence_id");
    ApiRequest update = ApiRequest.patch("/meetings/{meetingId}")
        .pathParam("meetingId", MeetingIds.pathValue(meetingId))
        .query("occurrence_id", occurrenceId)
        .body(Inputs.bodyWithout(input, "meetingId", "occurrence_id"))
        .build();
    context.http().send(update);
    // Zoom answers the update with 204 and no body, so the meeting is read back for the output.
    return context.http().send(MeetingRequests.get(meetingId).query("occurrence_id", occurrenceId).build()).body();
  }
}
