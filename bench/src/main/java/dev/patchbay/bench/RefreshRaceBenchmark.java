package dev.patchbay.bench;

import dev.patchbay.engine.auth.AccessTokens;
import dev.patchbay.engine.auth.UnattendedBrowser;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.Connections;
import dev.patchbay.engine.connections.NewConnection;
import dev.patchbay.engine.secrets.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Token refresh under a 64-way race (issue 3): 64 threads that all hold the same token report it rejected at the
 * same moment ({@code AccessTokens.refreshAfterRejection(token)}, the single-flight path a 401 and an expired token
 * both take); exactly one refresh goes to the token endpoint, the other 63 wait for the connection's lock, re-read
 * the store and take the new token. Measured: from releasing the 64 threads to the last of them holding the new
 * token. Baseline ({@code refreshAlone}): one thread, the same call, nobody else waiting.
 *
 * <p>Real pieces throughout: a Zoom {@code byo-oauth} connection created through the authorization code flow
 * (loopback receiver, PKCE) against {@link FakeZoom}, which rotates the refresh token on every refresh and refuses a
 * reused one; the encrypted store on disk (ext4), with its in-process lock, OS file lock, refresh journal, fsync'd
 * write and atomic move. Every invocation checks that exactly one refresh reached the server and that every thread
 * got the new token; a second refresh would be refused by the server and fail the run.
 *
 * <p>The callers are threads started once and released by a barrier, so thread creation is not measured; the
 * baseline goes through the same barrier with one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dsun.net.httpserver.nodelay=true"})
public class RefreshRaceBenchmark {

  FakeZoom zoom;
  BenchRuntime bench;
  AccessTokens tokens;
  Callers alone;
  Callers race64;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    zoom = new FakeZoom();
    bench = BenchRuntime.start("patchbay-bench-refresh");
    Connections connections = bench.runtime.connections();
    Connection connection = connections.add(new NewConnection("zoom", "byo-oauth", "bench-byo",
        Map.of("clientId", FakeZoom.CLIENT_ID), Map.of("clientSecret", Secret.of(FakeZoom.CLIENT_SECRET)),
        zoom.url("/v2"), zoom.url("/oauth/authorize"), zoom.url("/oauth/token"), null),
        new UnattendedBrowser(new OkHttpClient()));
    tokens = connections.tokens(connection);
    alone = new Callers(1, tokens);
    race64 = new Callers(64, tokens);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    System.out.println("\nrefreshes: " + zoom.refreshes() + ", refused: " + zoom.refusedRefreshes());
    alone.close();
    race64.close();
    bench.close();
    zoom.close();
  }

  @TearDown(Level.Iteration)
  public void forgetRequests() throws InterruptedException {
    zoom.drainRecordedRequests();
  }

  @Benchmark
  public Secret refreshAlone() throws Exception {
    return refreshWith(alone);
  }

  @Benchmark
  public Secret refreshRace64() throws Exception {
    return refreshWith(race64);
  }

  private Secret refreshWith(Callers callers) throws Exception {
    int before = zoom.refreshes();
    Secret rejected = tokens.current();
    callers.race(rejected);
    if (zoom.refreshes() != before + 1 || zoom.refusedRefreshes() != 0) {
      throw new IllegalStateException((zoom.refreshes() - before) + " refreshes for one rejected token ("
          + zoom.refusedRefreshes() + " refused)");
    }
    return tokens.current();
  }

  /** Threads started once, each reporting the same token rejected whenever released. */
  static final class Callers implements AutoCloseable {

    private final CyclicBarrier start;
    private final CyclicBarrier done;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile Secret rejected;

    Callers(int count, AccessTokens tokens) {
      start = new CyclicBarrier(count + 1);
      done = new CyclicBarrier(count + 1);
      for (int i = 0; i < count; i++) {
        Thread thread = new Thread(() -> {
          try {
            while (true) {
              start.await();
              try {
                Secret fresh = tokens.refreshAfterRejection(rejected);
                if (fresh.equals(rejected)) {
                  failure.compareAndSet(null, new IllegalStateException("a caller got the rejected token back"));
                }
              } catch (Exception e) {
                failure.compareAndSet(null, e);
              }
              done.await();
            }
          } catch (InterruptedException | java.util.concurrent.BrokenBarrierException e) {
            // closed
          }
        }, "bench-caller-" + i);
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
      }
    }

    void race(Secret token) throws Exception {
      rejected = token;
      start.await();
      done.await();
      Throwable failed = failure.getAndSet(null);
      if (failed != null) {
        throw new IllegalStateException("a racing caller failed", failed);
      }
    }

    @Override
    public void close() {
      threads.forEach(Thread::interrupt);
    }
  }
}
