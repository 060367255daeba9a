package dev.patchbay.zoom.users;

import dev.patchbay.api.Activity;
import dev.patchbay.api.ActivityContext;
import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.zoom.common.Inputs;
import tools.jackson.databind.JsonNode;

/** {@code users.get}: one user by id, email or "me". */
public final class GetUser implements Activity {

  @Override
  public JsonNode execute(ActivityContext context) throws ConnectorException {
    ApiRequest request = ApiRequest.get("/users/{userId}")
        .pathParam("userId", Inputs.requiredText(context.input(), "userId"))
        .build();
    return context.http().send(request).body();
  }
}
