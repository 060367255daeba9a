package dev.patchbay.temporal.activity;

import java.util.Map;

/**
 * The details of a step's failure that Temporal's failure message does not carry.
 *
 * @param attempt Temporal's attempt number of the invocation that failed, from 1
 * @param details the activity error's details ({@code ActivityError}'s keys), for the step's error record
 */
public record StepFailure(int attempt, Map<String, Object> details) {

  public StepFailure {
    details = details == null ? Map.of() : details;
  }
}
