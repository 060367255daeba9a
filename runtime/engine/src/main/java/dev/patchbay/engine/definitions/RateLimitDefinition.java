package dev.patchbay.engine.definitions;

/**
 * Default limit of one rate-limit category.
 *
 * @param per "second", "minute", "hour" or "day"
 * @param dailyLimit requests per day, or null when the provider sets none
 */
public record RateLimitDefinition(int permits, String per, Integer dailyLimit) {}
