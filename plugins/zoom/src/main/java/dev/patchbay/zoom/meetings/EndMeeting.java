package dev.patchbay.zoom.meetings;

import dev.patchbay.api.Activity;
import dev.patchbay.api.ActivityContext;
import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.zoom.common.MeetingIds;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code meetings.end}: ends a live meeting for everyone in it. */
public final class EndMeeting implements Activity {

  @Override
  public JsonNode execute(ActivityContext context) throws ConnectorException {
    JsonNode meetingId = MeetingIds.required(context.input());
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("action", "end");
    ApiRequest request = ApiRequest.put("/meetings/{meetingId}/status")
        .pathParam("meetingId", MeetingIds.pathValue(meetingId))
        .body(body)
        .build();
    context.http().send(request);

    ObjectNode output = JsonNodeFactory.instance.objectNode();
    output.set("meetingId", meetingId.deepCopy());
    output.put("ended", true);
    return output;
  }
}
