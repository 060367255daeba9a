package dev.patchbay.engine.activities.http;

import dev.patchbay.engine.activities.ratelimit.RateLimitBucket;
import dev.patchbay.engine.auth.AccessTokens;
import dev.patchbay.engine.definitions.RateLimitHeaders;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the runner's shared interceptors need to know about the activity a request belongs to; every attempt's
 * {@link Attempt} tag points to it. Keeping this per activity, and the OkHttp clients per runner, spares building
 * clients and interceptors for every activity.
 *
 * @param tokens the connection's access tokens, for the bearer header
 * @param sent every token the activity sent, for redaction
 * @param failures the definition's error table for the activity's error answers
 * @param attempts requests that went out so far
 * @param bucket the connection's bucket for the operation's category, told what the provider says of its limits
 * @param placement where the connection's credential goes
 * @param rateLimitHeaders where the provider reports its own counters
 */
record ActivityRequests(
    AccessTokens tokens,
    SentTokens sent,
    ProviderFailures failures,
    AtomicInteger attempts,
    RateLimitBucket bucket,
    CredentialPlacement placement,
    RateLimitHeaders rateLimitHeaders) {}
