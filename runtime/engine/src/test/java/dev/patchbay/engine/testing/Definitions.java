package dev.patchbay.engine.testing;

import dev.patchbay.engine.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Test definitions: the valid echo definition, and edited copies of it. */
public final class Definitions {

  private Definitions() {}

  public static String echoText() {
    return text("echo.json");
  }

  /** A definition from the test resources' definitions folder. */
  public static String text(String fileName) {
    try (InputStream in = Definitions.class.getResourceAsStream("/definitions/" + fileName)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The echo definition declaring the webhook event {@code thing.created}, as the signed echo connector needs. */
  public static String signedEchoText() {
    return echoWith(document -> document.set("webhooks", Json.MAPPER.readTree(
        "{\"events\": [{\"name\": \"thing.created\", \"description\": \"A thing was created.\"}]}")));
  }

  public static JsonNode echo() {
    return Json.MAPPER.readTree(echoText());
  }

  /** The echo definition with an edit applied, as JSON text. */
  public static String echoWith(Consumer<ObjectNode> edit) {
    ObjectNode document = (ObjectNode) echo();
    edit.accept(document);
    return Json.MAPPER.writeValueAsString(document);
  }
}
