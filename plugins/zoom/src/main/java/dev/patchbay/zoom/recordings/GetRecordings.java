package dev.patchbay.zoom.recordings;

import dev.patchbay.api.Activity;
import dev.patchbay.api.ActivityContext;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.zoom.common.MeetingIds;
import tools.jackson.databind.JsonNode;

/** {@code recordings.get}: one meeting's recordings; a meeting id means its latest instance, a UUID one instance. */
public final class GetRecordings implements Activity {

  @Override
  public JsonNode execute(ActivityContext context) throws ConnectorException {
    return context.http().send(RecordingRequests.get(MeetingIds.required(context.input())).build()).body();
  }
}
