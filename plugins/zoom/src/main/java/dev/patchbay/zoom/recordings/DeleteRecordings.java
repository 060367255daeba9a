package dev.patchbay.zoom.recordings;

import dev.patchbay.api.Activity;
import dev.patchbay.api.ActivityContext;
import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.zoom.common.Inputs;
import dev.patchbay.zoom.common.MeetingIds;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code recordings.delete}: all of a meeting's recordings, or one file; to the trash unless action is delete. */
public final class DeleteRecordings implements Activity {

  @Override
  public JsonNode execute(ActivityContext context) throws ConnectorException {
    JsonNode input = context.input();
    JsonNode meetingId = MeetingIds.required(input);
    String recordingId = Inputs.text(input, "recordingId");
    String action = Inputs.text(input, "action", "trash");
    ApiRequest.Builder request = recordingId == null
        ? ApiRequest.delete("/meetings/{meetingId}/recordings")
        : ApiRequest.delete("/meetings/{meetingId}/recordings/{recordingId}").pathParam("recordingId", recordingId);
    context.http().send(request
        .pathParam("meetingId", MeetingIds.pathValue(meetingId))
        .query("action", action)
        .build());

    ObjectNode output = JsonNodeFactory.instance.objectNode();
    output.set("meetingId", meetingId.deepCopy());
    if (recordingId != null) {
      output.put("recordingId", recordingId);
    }
    output.put("action", action);
    output.put("deleted", true);
    return output;
  }
}
