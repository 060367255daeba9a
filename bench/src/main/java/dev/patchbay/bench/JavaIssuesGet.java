package dev.patchbay.bench;

import dev.patchbay.api.Activity;
import dev.patchbay.api.ActivityContext;
import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ConnectorException;
import tools.jackson.databind.JsonNode;

/** GET /repos/{owner}/{repo}/issues/{issueNumber}, the answer as it is: issues.get as a plugin author writes it. */
public final class JavaIssuesGet implements Activity {

  @Override
  public JsonNode execute(ActivityContext context) throws ConnectorException {
    JsonNode in = context.input();
    return context.http().send(ApiRequest.get("/repos/{owner}/{repo}/issues/{issueNumber}")
        .pathParam("owner", in.path("owner").asString())
        .pathParam("repo", in.path("repo").asString())
        .pathParam("issueNumber", in.path("issueNumber").asString())
        .build()).body();
  }
}
