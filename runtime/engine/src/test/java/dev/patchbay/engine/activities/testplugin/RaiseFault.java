package dev.patchbay.engine.activities.testplugin;

import dev.patchbay.api.Activity;
import dev.patchbay.api.ActivityContext;
import dev.patchbay.api.ApiRequest;
import dev.patchbay.api.ConnectorException;
import dev.patchbay.api.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code faults.raise}: fails the way {@code kind} says, as buggy plugin code would. */
public class RaiseFault implements Activity {

  @Override
  public JsonNode execute(ActivityContext context) throws ConnectorException {
    JsonNode input = context.input();
    switch (input.path("kind").asString()) {
      case "stackOverflow" -> recurse(1);
      case "noClassDef" -> throw new NoClassDefFoundError("com/example/relay/MissingHelper");
      case "runtime" -> throw new IllegalStateException("relay plugin bug");
      case "hang" -> hang(Path.of(input.path("marker").asString()));
      case "deaf" -> deaf(Path.of(input.path("marker").asString()));
      case "connectorError" -> throw new ConnectorException(ErrorCode.NOT_FOUND, "thing 42 is gone", "G42",
          "Gone for good", null);
      case "paginate" -> context.http().paginate(ApiRequest.get("/things").build(), 10);
      case "wrapFailure" -> wrapFailure(context);
      case "probe" -> {
        return probe(context);
      }
      default -> {
        // "nothing": succeed.
      }
    }
    return JsonNodeFactory.instance.objectNode();
  }

  /** A plugin telling the host's failures from the provider's answers: GET /things/x, and what its failure was. */
  private static JsonNode probe(ActivityContext context) {
    ObjectNode seen = JsonNodeFactory.instance.objectNode();
    try {
      context.http().send(ApiRequest.get("/things/x").build());
    } catch (ConnectorException e) {
      seen.put("source", e.source().name());
      seen.put("fromHost", e.source().fromHost());
      e.answer().ifPresent(answer -> seen.put("status", answer.status()));
    }
    return seen;
  }

  /** Careless plugin code that turns the host's failure into an unchecked exception. */
  private static void wrapFailure(ActivityContext context) {
    try {
      context.http().send(ApiRequest.get("/things/x").build());
    } catch (ConnectorException e) {
      throw new IllegalStateException("could not read thing x: " + e.getMessage(), e);
    }
  }

  private static int recurse(int depth) {
    return recurse(depth + 1) + 1;
  }

  /** Deaf to interruption, as code stuck in a loop is: waits until {@code release} exists, whatever happens. */
  private static void deaf(Path release) {
    while (!Files.exists(release)) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException ignored) {
        // and on it waits
      }
    }
  }

  /** Sleeps until interrupted, then leaves {@code marker} so the test sees the interruption happen. */
  private static void hang(Path marker) {
    try {
      Thread.sleep(60_000);
    } catch (InterruptedException e) {
      try {
        Files.writeString(marker, "interrupted");
      } catch (IOException io) {
        throw new UncheckedIOException(io);
      }
      Thread.currentThread().interrupt();
    }
  }
}
