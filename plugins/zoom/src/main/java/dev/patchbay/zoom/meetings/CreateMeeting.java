package dev.patchbay.zoom.meetings;

import dev.patchbay.api.Activity;
import dev.patchbay.api.ActivityContext;
import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.zoom.common.Inputs;
import tools.jackson.databind.JsonNode;

/** {@code meetings.create}: the input carries Zoom's own meeting fields, so it is the body minus the path's user. */
public final class CreateMeeting implements Activity {

  @Override
  public JsonNode execute(ActivityContext context) throws ConnectorException {
    JsonNode input = context.input();
    ApiRequest request = ApiRequest.post("/users/{userId}/meetings")
        .pathParam("userId", Inputs.text(input, "userId", "me"))
        .body(Inputs.bodyWithout(input, "userId"))
        .build();
    return context.http().send(request).body();
  }
}
