package dev.patchbay.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patchbay.engine.activities.ratelimit.RateLimit;
import dev.patchbay.engine.activities.ratelimit.RateLimitBucket;
import dev.patchbay.engine.store.MasterKey;
import dev.patchbay.engine.store.SealedFiles;
import dev.patchbay.engine.store.SharedStore;
import dev.patchbay.engine.store.StoreSelection;
import dev.patchbay.store.postgres.testing.PostgresServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The buckets of a shared store, as two processes (two openings, each with its own pool) see them: one bucket per
 * connection and category, whatever process asks; the provider's slow-down reaches every process.
 */
class SharedBucketsTest {

  /** One a minute: a permit taken is not back during the test, however slow the machine. */
  static final RateLimit ONE_A_MINUTE = RateLimit.perMinute(1);

  final String url = PostgresServer.get().createDatabase();
  SharedStore first;
  SharedStore second;

  @BeforeEach
  void open() throws Exception {
    first = open(url);
    second = open(url);
    first.connections(new SealedFiles(MasterKey.fromBase64(StoreKind.MASTER_KEY, "test")))
        .write(StoreContractTest.connection("c0000000-work", "work"));
  }

  @AfterEach
  void close() {
    first.close();
    second.close();
  }

  static SharedStore open(String url) throws Exception {
    return StoreSelection.open(StoreSelection.location(url, "test", PostgresServer.environment(url)));
  }

  @Test
  void aPermitTakenByOneProcessIsGoneForTheOther() throws Exception {
    RateLimitBucket mine = first.rateLimitBuckets().bucket("c0000000-work", "light", ONE_A_MINUTE);
    RateLimitBucket theirs = second.rateLimitBuckets().bucket("c0000000-work", "light", ONE_A_MINUTE);

    assertEquals(Optional.of(Duration.ZERO), mine.reserve(Instant.now(), Duration.ZERO));
    assertEquals(Optional.empty(), theirs.reserve(Instant.now(), Duration.ofSeconds(1)), "nothing taken");
    Duration free = theirs.timeUntilFree(Instant.now());
    assertTrue(free.compareTo(Duration.ofSeconds(50)) > 0 && free.compareTo(Duration.ofSeconds(60)) <= 0,
        "free again a minute after the first permit: " + free);
    Optional<Duration> queued = theirs.reserve(Instant.now(), Duration.ofMinutes(2));
    assertTrue(queued.isPresent() && queued.get().compareTo(free) <= 0, "waits its turn: " + queued);
    Duration behind = mine.timeUntilFree(Instant.now());
    assertTrue(behind.compareTo(Duration.ofSeconds(110)) > 0, "the next waits behind the queued one: " + behind);
    assertTrue(second.rateLimitBuckets().bucket("c0000000-work", "heavy", ONE_A_MINUTE)
        .reserve(Instant.now(), Duration.ZERO).isPresent(), "each category has its own bucket");
  }

  /**
   * The connection's limit changed, and a process still at the old one takes a permit too: the bucket keeps its
   * share of permits used, scaled to the limit of whoever asks. Daily limits: nothing refills during the test.
   */
  @Test
  void aChangedLimitCarriesTheUsedPermitsOverScaledToIt() throws Exception {
    RateLimit sixty = new RateLimit(60, Duration.ofDays(1));
    RateLimit twice = new RateLimit(120, Duration.ofDays(1));
    RateLimitBucket before = first.rateLimitBuckets().bucket("c0000000-work", "light", sixty);
    take(before, 15);

    RateLimitBucket raised = second.rateLimitBuckets().bucket("c0000000-work", "light", twice);

    take(raised, 88);
    take(before, 1);
    assertEquals(Optional.empty(), raised.reserve(Instant.now(), Duration.ZERO), "three quarters of 120: 88 here, the last two as one at 60 there");
    // Daily limits, so the refill between the take and the reserve (one permit in 144 s at 600 a day) is nil.
    RateLimitBucket spent = first.rateLimitBuckets().bucket("c0000000-work", "heavy",
        new RateLimit(1, Duration.ofDays(1)));
    take(spent, 1);
    assertEquals(Optional.empty(), second.rateLimitBuckets().bucket("c0000000-work", "heavy",
        new RateLimit(600, Duration.ofDays(1))).reserve(Instant.now(), Duration.ZERO),
        "raising a spent limit gives no burst");
  }

  private static void take(RateLimitBucket bucket, int permits) throws Exception {
    for (int i = 0; i < permits; i++) {
      assertEquals(Optional.of(Duration.ZERO), bucket.reserve(Instant.now(), Duration.ZERO), "permit " + (i + 1));
    }
  }

  @Test
  void aSlowDownOneProcessHeardOfSlowsEveryProcess() throws Exception {
    RateLimitBucket mine = first.rateLimitBuckets().bucket("c0000000-work", "light", ONE_A_MINUTE);
    RateLimitBucket theirs = second.rateLimitBuckets().bucket("c0000000-work", "light", ONE_A_MINUTE);

    mine.observe(0, 100);
    Duration slowed = theirs.timeUntilFree(Instant.now());
    assertTrue(slowed.compareTo(Duration.ofSeconds(110)) > 0, "half the rate, no burst: " + slowed);

    mine.observe(80, 100);
    Duration recovered = theirs.timeUntilFree(Instant.now());
    assertTrue(recovered.compareTo(Duration.ofSeconds(61)) < 0, "plenty remaining: the full rate: " + recovered);
  }
}
