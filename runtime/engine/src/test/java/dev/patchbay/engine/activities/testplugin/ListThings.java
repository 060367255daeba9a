package dev.patchbay.engine.activities.testplugin;

import dev.patchbay.api.Activity;
import dev.patchbay.api.ActivityContext;
import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.PagedResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code things.list}: GET /things[?filter=…]&limit=… over every page, up to maxItems. */
public class ListThings implements Activity {

  @Override
  public JsonNode execute(ActivityContext context) throws ConnectorException {
    JsonNode input = context.input();
    ApiRequest firstPage = ApiRequest.get("/things")
        .query("filter", input.path("filter").asString(null))
        .query("limit", input.path("pageSize").asString())
        .build();
    PagedResult result = context.http().paginate(firstPage, input.path("maxItems").asInt());
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    output.putArray("things").addAll(result.items());
    output.put("pages", result.pages());
    output.put("truncated", result.truncated());
    return output;
  }
}
