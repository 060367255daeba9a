package dev.patchbay.engine.activities.testplugin;

import dev.patchbay.api.Activity;
import dev.patchbay.api.ActivityContext;
import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ConnectorException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** {@code things.get}: GET /things/{id}?verbose=…[&tags=a,b], answered with the provider's body as it is. */
public class GetThing implements Activity {

  @Override
  public JsonNode execute(ActivityContext context) throws ConnectorException {
    JsonNode input = context.input();
    List<String> tags = new ArrayList<>();
    input.path("tags").forEach(tag -> tags.add(tag.asString()));
    ApiRequest request = ApiRequest.get("/things/{id}")
        .pathParam("id", input.path("id").asString())
        .query("verbose", input.path("verbose").asString())
        .query("tags", tags.isEmpty() ? null : String.join(",", tags))
        .build();
    return context.http().send(request).body();
  }
}
