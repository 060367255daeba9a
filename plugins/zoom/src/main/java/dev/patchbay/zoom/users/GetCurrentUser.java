package dev.patchbay.zoom.users;

import dev.patchbay.api.Activity;
import dev.patchbay.api.ActivityContext;
import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ConnectorException;
import tools.jackson.databind.JsonNode;

/** {@code users.getCurrent}: the user the connection acts as, as Zoom returns it. */
public final class GetCurrentUser implements Activity {

  @Override
  public JsonNode execute(ActivityContext context) throws ConnectorException {
    return context.http().send(ApiRequest.get("/users/me").build()).body();
  }
}
