package ${package};

import dev.patchbay.api.Activity;
import dev.patchbay.api.ActivityContext;
import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ConnectorException;
import tools.jackson.databind.JsonNode;

/**
 * items.get: reads one item. The runtime has checked the input against the operation's input schema and the
 * connection's scopes; the connection's HTTP client adds the base URL, the token, retries, rate limits and maps the
 * provider's errors through the definition's error table.
 */
final class GetItem implements Activity {

  @Override
  public JsonNode execute(ActivityContext context) throws ConnectorException {
    String id = context.input().path("id").asString();
    return context.http().send(ApiRequest.get("/items/{id}").pathParam("id", id).build()).body();
  }
}
