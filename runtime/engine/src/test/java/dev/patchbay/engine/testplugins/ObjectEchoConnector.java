package dev.patchbay.engine.testplugins;

import dev.patchbay.api.Activity;
import dev.patchbay.api.ApiRequest;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An echo connector that puts one of its own Java objects into the JSON it hands the host (a POJO node, which the
 * JSON API allows): into the body of a request when the text is {@code request}, into its output otherwise.
 */
public class ObjectEchoConnector extends EchoConnector {

  /** The plugin's own object. */
  public record Trace(String text) {}

  @Override
  public Map<String, Activity> activities() {
    return Map.of("messages.echo", context -> {
      String text = context.input().path("text").asString();
      ObjectNode withObject = JsonNodeFactory.instance.objectNode().put("text", text);
      withObject.set("trace", JsonNodeFactory.instance.pojoNode(new Trace(text)));
      if (text.equals("request")) {
        context.http().send(ApiRequest.post("/echo").body(withObject).build());
        return JsonNodeFactory.instance.objectNode().put("text", text);
      }
      return withObject;
    });
  }
}
