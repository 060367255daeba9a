package dev.patchbay.temporal.activity;

/**
 * What a step's activity gave.
 *
 * @param output the activity's output as JSON text
 * @param attempt Temporal's attempt number of the invocation that gave it, from 1
 */
public record StepResult(String output, int attempt) {}
