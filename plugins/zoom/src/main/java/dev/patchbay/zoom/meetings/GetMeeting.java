package dev.patchbay.zoom.meetings;

import dev.patchbay.api.Activity;
import dev.patchbay.api.ActivityContext;
import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.zoom.common.Inputs;
import dev.patchbay.zoom.common.MeetingIds;
import tools.jackson.databind.JsonNode;

/** {@code meetings.get}: one meeting, or one occurrence of a recurring meeting. */
public final class GetMeeting implements Activity {

  @Override
  public JsonNode execute(ActivityContext context) throws ConnectorException {
    JsonNode input = context.input();
    ApiRequest request = MeetingRequests.get(MeetingIds.required(input))
        .query("occurrence_id", Inputs.text(input, "occurrence_id"))
        .query("show_previous_occurrences", Inputs.queryFlag(input, "show_previous_occurrences"))
        .build();
    return context.http().send(request).body();
  }
}
