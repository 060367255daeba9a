package dev.patchbay.bench;

import dev.patchbay.engine.activities.Activities;
import dev.patchbay.engine.activities.ActivityResult;
import dev.patchbay.engine.activities.ratelimit.ProcessBuckets;
import dev.patchbay.engine.activities.ratelimit.RateLimitBucket;
import dev.patchbay.engine.auth.AccessTokens;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.json.Json;
import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.store.SharedStore;
import dev.patchbay.engine.store.StoreSelection;
import dev.patchbay.store.postgres.testing.PostgresServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shared store's cost (issue 14), against a PostgreSQL the benchmark starts like the tests do
 * ({@code PostgresServer}: Debian's binaries, a fresh cluster on 127.0.0.1, fsync off as in the tests, so the
 * numbers are the protocol's and the store's, not the disk's).
 *
 * <ul>
 *   <li>{@code activityByName}: {@code Activities.run("zoom/users.getCurrent", name, {})} against {@link
 *       FakeZoom}, with the connection in the files ({@code store=files}) or in PostgreSQL: what an activity costs
 *       end to end, connection lookup by name included (a stamp check of one file, or one indexed query); rate
 *       limits lifted.
 *   <li>{@code refreshUnderContention}: 16 threads in 4 runtimes (4 "processes": each its own pool, its own token
 *       cache) sharing one PostgreSQL connection row each report the token they hold rejected ({@code
 *       refreshAfterRejection}) again and again: per call, the wait for the connection's advisory lock, the re-read
 *       and, for whoever finds the token still the rejected one, the refresh at FakeZoom and the write.
 *   <li>{@code permit}, {@code permit_16}: a permit from one connection's bucket at 10^9 a second (so never waited
 *       for: what is measured is handing it out), in PostgreSQL ({@code patchbay_take_permit}, one round trip) or
 *       this process's memory ({@code buckets=process}); {@code permit_16} from 16 threads in 4 "processes" (4
 *       store openings, each its own pool) on the same row. Throughput is {@code 1 / score} per thread.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dsun.net.httpserver.nodelay=true"})
public class SharedStoreBenchmark {

  /** The activity benchmark's store. */
  @State(Scope.Benchmark)
  public static class Activity {
    @Param({"files", "postgresql"})
    String store;

    FakeZoom zoom;
    BenchRuntime bench;
    Activities activities;
    final ObjectNode empty = Json.MAPPER.createObjectNode();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      zoom = new FakeZoom();
      bench = BenchRuntime.unthrottled("patchbay-bench-store", store.equals("files") ? Map.of()
          : PostgresServer.environment(PostgresServer.get().createDatabase()));
      bench.addServerToServer("bench-0", zoom::url);
      activities = bench.runtime.activities();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      bench.close();
      zoom.close();
    }
  }

  /** Four runtimes sharing one PostgreSQL database and master key. */
  @State(Scope.Benchmark)
  public static class FourProcesses {
    FakeZoom zoom;
    final List<BenchRuntime> processes = new ArrayList<>();
    final List<AccessTokens> tokens = new ArrayList<>();
    final AtomicInteger threads = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      zoom = new FakeZoom();
      Map<String, String> shared = PostgresServer.environment(PostgresServer.get().createDatabase());
      String masterKey = java.util.Base64.getEncoder().encodeToString(new byte[32]);
      for (int i = 0; i < 4; i++) {
        processes.add(BenchRuntime.start("patchbay-bench-shared", shared, masterKey));
      }
      Connection connection = processes.get(0).addServerToServer("shared", zoom::url);
      for (BenchRuntime process : processes) {
        tokens.add(process.runtime.connections().tokens(process.runtime.connections().get(connection.name())));
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      processes.forEach(BenchRuntime::close);
      zoom.close();
    }
  }

  /** Which of the four runtimes a thread is in: four threads each. */
  @State(Scope.Thread)
  public static class Caller {
    AccessTokens tokens;

    @Setup(Level.Trial)
    public void setUp(FourProcesses shared) {
      tokens = shared.tokens.get(shared.threads.getAndIncrement() % 4);
    }
  }

  /** One connection's bucket, as 4 processes see it: 4 openings of one database, or this process's memory. */
  @State(Scope.Benchmark)
  public static class Buckets {
    @Param({"process", "postgresql"})
    String buckets;

    final List<SharedStore> stores = new ArrayList<>();
    final List<RateLimitBucket> views = new ArrayList<>();
    final AtomicInteger threads = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      if (buckets.equals("process")) {
        views.add(new ProcessBuckets().bucket("bench-permits", "light", BenchRuntime.UNTHROTTLED));
        return;
      }
      String url = PostgresServer.get().createDatabase();
      for (int i = 0; i < 4; i++) {
        SharedStore store = StoreSelection.open(StoreSelection.location(url, "bench",
            PostgresServer.environment(url)));
        stores.add(store);
        views.add(store.rateLimitBuckets().bucket("bench-permits", "light", BenchRuntime.UNTHROTTLED));
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      stores.forEach(SharedStore::close);
    }
  }

  /** The bucket as the process of this thread sees it: four threads each. */
  @State(Scope.Thread)
  public static class PermitTaker {
    RateLimitBucket bucket;

    @Setup(Level.Trial)
    public void setUp(Buckets shared) {
      bucket = shared.views.get(shared.threads.getAndIncrement() % shared.views.size());
    }
  }

  @Benchmark
  public Optional<Duration> permit(PermitTaker taker) throws Exception {
    return taker.bucket.reserve(Instant.now(), Duration.ofSeconds(1));
  }

  @Benchmark
  @Threads(16)
  public Optional<Duration> permit_16(PermitTaker taker) throws Exception {
    return taker.bucket.reserve(Instant.now(), Duration.ofSeconds(1));
  }

  @Benchmark
  public ActivityResult activityByName(Activity state) throws Exception {
    return state.activities.run("zoom/users.getCurrent", "bench-0", state.empty);
  }

  @Benchmark
  @Threads(16)
  public Secret refreshUnderContention(Caller caller) throws Exception {
    return caller.tokens.refreshAfterRejection(caller.tokens.current());
  }
}
