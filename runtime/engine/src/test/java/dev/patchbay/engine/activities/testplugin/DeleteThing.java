package dev.patchbay.engine.activities.testplugin;

import dev.patchbay.api.Activity;
import dev.patchbay.api.ActivityContext;
import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ConnectorException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** {@code things.delete}: DELETE /things/{id}, an idempotent operation that is not a GET. */
public class DeleteThing implements Activity {

  @Override
  public JsonNode execute(ActivityContext context) throws ConnectorException {
    int status = context.http()
        .send(ApiRequest.delete("/things/{id}").pathParam("id", context.input().path("id").asString()).build())
        .status();
    return JsonNodeFactory.instance.objectNode().put("status", status);
  }
}
