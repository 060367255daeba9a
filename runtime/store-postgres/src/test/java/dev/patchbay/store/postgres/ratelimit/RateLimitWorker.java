package dev.patchbay.store.postgres.ratelimit;

import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.activities.ActivityException;
import dev.patchbay.engine.activities.Activities;
import dev.patchbay.engine.json.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * One of the Patchbay processes of {@link SharedRateLimitTest}: {@code HOME NAME SECONDS THREADS} runs {@code
 * github/repos.get} on the connection from THREADS threads, as fast as its permits allow, for SECONDS once a line
 * comes on standard input; prints {@code ready} once warmed up (on a repository the provider does not count), then {@code sent N failed M} and the
 * failures' messages. The store and the master key come from the environment.
 */
public final class RateLimitWorker {

  /** Warm-up calls per caller. */
  static final int WARM_UPS = 5;

  private RateLimitWorker() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]);
    String name = args[1];
    long seconds = Long.parseLong(args[2]);
    int threads = Integer.parseInt(args[3]);
    JsonNode input = Json.MAPPER.readTree("{\"owner\":\"octocat\",\"repo\":\"Hello-World\"}");
    try (PatchbayRuntime runtime = PatchbayRuntime.builder().home(new PatchbayHome(home)).start()) {
      Activities activities = runtime.activities();
      // Each caller warms up before the count begins (classes, the JIT, the pools, the connections to the provider
      // and the database), on a repository the provider does not count: a cold process sends its first requests
      // late, after later permits of the other processes. The callers then wait for the go together.
      JsonNode warmUp = Json.MAPPER.readTree("{\"owner\":\"warm-up\",\"repo\":\"Hello-World\"}");
      CountDownLatch warm = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      AtomicLong end = new AtomicLong();
      AtomicInteger sent = new AtomicInteger();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      List<Thread> callers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Thread caller = new Thread(() -> {
          try {
            for (int w = 0; w < WARM_UPS; w++) {
              activities.run("github/repos.get", name, warmUp);
            }
            warm.countDown();
            go.await();
            while (System.nanoTime() < end.get()) {
              try {
                activities.run("github/repos.get", name, input);
                sent.incrementAndGet();
              } catch (ActivityException e) {
                failures.add(e.code() + ": " + e.getMessage());
              }
            }
          } catch (ActivityException | InterruptedException e) {
            failures.add("warm-up: " + e.getMessage());
            warm.countDown();
          }
        });
        caller.start();
        callers.add(caller);
      }
      warm.await();
      System.out.println("ready");
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      end.set(System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds));
      go.countDown();
      for (Thread caller : callers) {
        caller.join();
      }
      System.out.println("sent " + sent.get() + " failed " + failures.size());
      failures.stream().limit(5).forEach(System.out::println);
    }
  }
}
