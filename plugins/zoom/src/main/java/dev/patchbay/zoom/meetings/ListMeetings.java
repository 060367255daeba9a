package dev.patchbay.zoom.meetings;

import dev.patchbay.api.Activity;
import dev.patchbay.api.ActivityContext;
import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.PagedResult;
import dev.patchbay.zoom.common.Inputs;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code meetings.list}: a user's scheduled meetings over every page, up to maxItems. */
public final class ListMeetings implements Activity {

  @Override
  public JsonNode execute(ActivityContext context) throws ConnectorException {
    JsonNode input = context.input();
    ApiRequest firstPage = ApiRequest.get("/users/{userId}/meetings")
        .pathParam("userId", Inputs.text(input, "userId", "me"))
        .query("type", Inputs.text(input, "type"))
        .query("from", Inputs.text(input, "from"))
        .query("to", Inputs.text(input, "to"))
        .query("timezone", Inputs.text(input, "timezone"))
        .query("page_size", String.valueOf(Inputs.pageSize(input)))
        .build();
    PagedResult result = context.http().paginate(firstPage, Inputs.maxItems(input));

    ObjectNode output = JsonNodeFactory.instance.objectNode();
    output.putArray("meetings").addAll(result.items());
    // Zoom's total_records counts the whole listing; this output holds only what was collected.
    output.put("total_records", result.items().size());
    return output;
  }
}
