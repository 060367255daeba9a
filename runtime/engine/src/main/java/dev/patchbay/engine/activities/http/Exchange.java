package dev.patchbay.engine.activities.http;

import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * One request as {@link RetryLoop} runs it.
 *
 * @param replaySafe whether sending it twice cannot do harm: a GET, or a request of an operation the definition
 *     marks idempotent
 * @param callTimeout bound of one attempt, or null to be bounded by the activity's deadline alone
 * @param label what it is, for messages and logs ("POST /users/{userId}/meetings"); never carries secrets
 */
record Exchange(
    OkHttpClient client, Request request, boolean replaySafe, Duration callTimeout, Permits permits, String label) {}
