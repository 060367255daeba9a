package dev.patchbay.temporal.activity;

/**
 * The latest progress an activity reported (bytes downloaded, pages listed), carried by its heartbeats so a client
 * following the run can show it.
 *
 * @param total -1 when unknown
 */
public record StepProgress(String stepId, int itemIndex, long done, long total, String what) {}
