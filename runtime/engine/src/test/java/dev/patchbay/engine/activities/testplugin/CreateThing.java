package dev.patchbay.engine.activities.testplugin;

import dev.patchbay.api.Activity;
import dev.patchbay.api.ActivityContext;
import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ConnectorException;
import tools.jackson.databind.JsonNode;

/** {@code things.create}: POST /things with the input as body; not idempotent. */
public class CreateThing implements Activity {

  @Override
  public JsonNode execute(ActivityContext context) throws ConnectorException {
    return context.http().send(ApiRequest.post("/things").body(context.input()).build()).body();
  }
}
