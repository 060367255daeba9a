package dev.patchbay.engine.testplugins;

import dev.patchbay.api.Activity;
import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The echo connector doing what plugin code does and may leave traces of in the host: its answer is
 * {@code "<TEXT> <pong> <text>"}, where the upper-casing runs on {@link BusyPlugin}'s own threads, {@code pong} comes
 * from an HTTP request through the host ({@code GET /ping}), and the last part is one of its own objects bound to
 * JSON by a Jackson mapper of its own; it logs through the host's SLF4J. Each call also leaves one of its objects in
 * a ThreadLocal of the thread it ran on, and never removes it.
 */
public class BusyEchoConnector extends EchoConnector {

  private static final ThreadLocal<Echo> LAST_ECHO = new ThreadLocal<>();
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final Logger LOG = LoggerFactory.getLogger(BusyEchoConnector.class);

  /** One echo, as the plugin keeps it. */
  public record Echo(String text) {}

  @Override
  public Map<String, Activity> activities() {
    return Map.of("messages.echo", context -> {
      Echo echo = new Echo(context.input().path("text").asString());
      // Left behind on purpose, as careless plugin code does.
      LAST_ECHO.set(echo);
      JsonNode pong = context.http().send(ApiRequest.get("/ping").build()).body();
      String shouted;
      try {
        shouted = BusyPlugin.inBackground(() -> echo.text().toUpperCase(Locale.ROOT));
      } catch (ExecutionException | InterruptedException e) {
        throw new ConnectorException(ErrorCode.PLUGIN_ERROR, "the plugin's own threads failed: " + e);
      }
      JsonNode bound = MAPPER.valueToTree(echo);
      LOG.info("echoed {}", echo);
      return JsonNodeFactory.instance.objectNode()
          .put("text", shouted + " " + pong.path("pong").asString() + " " + bound.path("text").asString());
    });
  }
}
