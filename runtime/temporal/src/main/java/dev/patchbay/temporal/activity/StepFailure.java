package dev.patchbay.temporal.activity;

/**
 * The details of a step's failure that Temporal's failure message does not carry.
 *
 * @param attempt Temporal's attempt number of the invocation that failed, from 1
 */
public record StepFailure(int attempt) {}
