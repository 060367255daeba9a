package dev.patchbay.cli.e2e;

import static dev.patchbay.cli.e2e.E2e.ADA_ID;
import static dev.patchbay.cli.e2e.E2e.fails;
import static dev.patchbay.cli.e2e.E2e.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.api.ErrorCode;
import dev.patchbay.engine.activities.ActivityError;
import dev.patchbay.engine.activities.ActivityException;
import dev.patchbay.engine.activities.ActivityResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Zoom's limits as the sandbox enforces them: the per-second limit answers 429 with {@code Retry-After}, which the
 * runner waits out (really sleeping: the limits here keep that near one second) before every call succeeds; the
 * daily meeting create/update cap is final for the day, so it fails at once with LIMIT_EXCEEDED.
 */
class RateLimitE2eTest extends SandboxE2eTest {


  @Test
  void waitsOutThePerSecondLimitAndEveryCallSucceeds() throws Exception {
    sandbox.control("{\"rateLimits\":{\"light\":2}}");
    run(runtime, "zoom/users.getCurrent", CONNECTION, "{}"); // loads the plugin's classes before the burst
    long before = sandbox.requestsTo("/v2/users/me");
    int callers = 4;

    List<ActivityResult> results = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(callers);
    try {
      CountDownLatch ready = new CountDownLatch(callers);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<ActivityResult>> futures = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        futures.add(threads.submit(() -> {
          ready.countDown();
          go.await();
          return runtime.activities().run("zoom/users.getCurrent", CONNECTION, E2e.empty());
        }));
      }
      assertTrue(ready.await(10, TimeUnit.SECONDS));
      // The sandbox counts per second of the wall clock: start the burst just after a second begins, so that all
      // four calls land in one window of two.
      Thread.sleep(1_000 - System.currentTimeMillis() % 1_000 + 20);
      go.countDown();
      for (Future<ActivityResult> future : futures) {
        results.add(future.get(30, TimeUnit.SECONDS));
      }
    } finally {
      threads.shutdownNow();
    }

    results.forEach(result -> assertEquals(ADA_ID, result.output().path("id").asString()));
    int attempts = results.stream().mapToInt(ActivityResult::attempts).sum();
    assertEquals(callers + 2, attempts, "two calls got through, two were refused with 429 and sent again later");
    assertEquals(attempts, sandbox.requestsTo("/v2/users/me") - before, "every attempt reached the sandbox");
  }

  @Test
  void theDailyMeetingCapFailsAtOnceWithLimitExceeded() {
    sandbox.control("{\"dailyMeetingWriteLimit\":1}");
    long id = run(runtime, "zoom/meetings.create", CONNECTION, "{\"topic\":\"First of the day\"}")
        .output().path("id").asLong();

    ActivityException capped = fails(ErrorCode.LIMIT_EXCEEDED, runtime, "zoom/meetings.create", CONNECTION,
        "{\"topic\":\"Second of the day\"}");

    assertEquals(2, sandbox.requests("/v2/users/me/meetings"), "the refusal is not retried");
    assertEquals("429", capped.error().details().get(ActivityError.PROVIDER_CODE));
    assertTrue(capped.error().details().get(ActivityError.RETRY_AFTER) instanceof Number, capped.error()::toString);
    // The cap covers updates too; reads are not affected.
    fails(ErrorCode.LIMIT_EXCEEDED, runtime, "zoom/meetings.update", CONNECTION,
        "{\"meetingId\":" + id + ",\"topic\":\"Renamed\"}");
    assertEquals("First of the day", run(runtime, "zoom/meetings.get", CONNECTION, "{\"meetingId\":" + id + "}")
        .output().path("topic").asString());
  }
}
