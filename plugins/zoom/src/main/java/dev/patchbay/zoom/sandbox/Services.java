package dev.patchbay.zoom.sandbox;

import java.time.Clock;

/**
 * What the endpoints of one running sandbox share.
 *
 * @param origin {@code http://127.0.0.1:PORT}, the base of every URL the sandbox hands out
 */
record Services(
    String origin,
    Clock clock,
    SandboxState state,
    Grants grants,
    Settings settings,
    Faults faults,
    RateLimits rateLimits,
    Pages pages,
    Meetings meetings,
    RequestLog requestLog) {}
