package dev.patchbay.testkit;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.ActivityError;
import tools.jackson.databind.JsonNode;

/**
 * What one activity run ended with: its output, or its error. The accessors fail the test with what happened
 * instead when asked for the other one.
 */
public final class Outcome {

  private final JsonNode output;
  private final ActivityError error;

  private Outcome(JsonNode output, ActivityError error) {
    this.output = output;
    this.error = error;
  }

  static Outcome succeeded(JsonNode output) {
    return new Outcome(output, null);
  }

  static Outcome failed(ActivityError error) {
    return new Outcome(null, error);
  }

  /** Whether the activity succeeded. */
  public boolean succeeded() {
    return error == null;
  }

  /** The output; fails the test with the error when the activity failed. */
  public JsonNode output() {
    if (error != null) {
      throw new AssertionError("the activity failed: " + error.code() + ": " + error.message() + " " + error.details());
    }
    return output;
  }

  /** The error code; fails the test with the output when the activity succeeded. */
  public ErrorCode errorCode() {
    return error().code();
  }

  /** The whole error: code, message, details (provider code, HTTP status, remediation...). */
  public ActivityError error() {
    if (error == null) {
      throw new AssertionError("the activity succeeded with " + output + " instead of failing");
    }
    return error;
  }

  @Override
  public String toString() {
    return error == null ? "succeeded: " + output : "failed: " + error.code() + ": " + error.message();
  }
}
