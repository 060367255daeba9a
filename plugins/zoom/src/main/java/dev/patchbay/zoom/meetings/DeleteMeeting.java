package dev.patchbay.zoom.meetings;

import dev.patchbay.api.Activity;
import dev.patchbay.api.ActivityContext;
import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.zoom.common.Inputs;
import dev.patchbay.zoom.common.MeetingIds;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code meetings.delete}: a whole meeting or, with occurrence_id, one occurrence. */
public final class DeleteMeeting implements Activity {

  @Override
  public JsonNode execute(ActivityContext context) throws ConnectorException {
    JsonNode input = context.input();
    JsonNode meetingId = MeetingIds.required(input);
    ApiRequest request = ApiRequest.delete("/meetings/{meetingId}")
        .pathParam("meetingId", MeetingIds.pathValue(meetingId))
        .query("occurrence_id", Inputs.text(input, "occurrence_id"))
        .query("schedule_for_reminder", Inputs.queryFlag(input, "schedule_for_reminder"))
        .query("cancel_meeting_reminder", Inputs.queryFlag(input, "cancel_meeting_reminder"))
        .build();
    context.http().send(request);

    ObjectNode output = JsonNodeFactory.instance.objectNode();
    output.set("meetingId", meetingId.deepCopy());
    output.put("deleted", true);
    return output;
  }
}
