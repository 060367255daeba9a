package dev.patchbay.testkit;

import dev.patchbay.engine.activities.ActivityException;
import dev.patchbay.engine.activities.Activities;
import dev.patchbay.engine.json.Json;
import tools.jackson.databind.JsonNode;

/** Runs activities through the runtime (input and scope checks, HTTP, retries, error mapping, output check). */
public final class TestActivities {

  private final Activities activities;

  TestActivities(Activities activities) {
    this.activities = activities;
  }

  /**
   * Runs {@code activity} ({@code connector/operation}) with a JSON input on a connection.
   *
   * @param inputJson the input as JSON text, e.g. {@code {"id": "42"}}
   */
  public Outcome run(String activity, String connection, String inputJson) {
    return run(activity, connection, Json.MAPPER.readTree(inputJson));
  }

  /** Runs {@code activity} ({@code connector/operation}) with an input on a connection. */
  public Outcome run(String activity, String connection, JsonNode input) {
    try {
      return Outcome.succeeded(activities.run(activity, connection, input).output());
    } catch (ActivityException e) {
      return Outcome.failed(e.error());
    }
  }
}
