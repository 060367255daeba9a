package dev.patchbay.engine.activities.testplugin;

import dev.patchbay.api.Activity;
import dev.patchbay.api.ActivityContext;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.DownloadResult;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** {@code files.download}: downloads {@code url} to {@code target}. */
public class DownloadFile implements Activity {

  @Override
  public JsonNode execute(ActivityContext context) throws ConnectorException {
    JsonNode input = context.input();
    DownloadResult result = context.http().download(input.path("url").asString(),
        Path.of(input.path("target").asString()), input.path("expectedBytes").asLong(), context.progress());
    return JsonNodeFactory.instance.objectNode().put("path", result.path().toString()).put("bytes", result.bytes());
  }
}
