package dev.patchbay.bench;

import dev.patchbay.engine.auth.AccessTokens;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.connections.ConnectionStore;
import dev.patchbay.engine.connections.Connections;
import dev.patchbay.engine.connections.StoredConnection;
import dev.patchbay.engine.secrets.Secret;
import dev.patchbay.engine.store.MasterKey;
import dev.patchbay.engine.store.SealedFiles;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Store read overhead per activity (issue 3): what getting the token costs an activity when the connection's tokens
 * are cached in memory ({@code tokensCurrent}: {@code AccessTokens.current()} on a fresh token — the baseline),
 * against reading and decrypting the connection's file every time ({@code storeRead}: {@code ConnectionStore.read}:
 * file read, AES-256-GCM open, JSON decode). {@code connectionsGetByName} is what {@code Activities.run} (the Java
 * API and the CLI) does before every activity to find the connection by name: list the store folder and read and
 * decrypt every connection file, with 1 or 20 connections in the store.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class TokenStoreReadBenchmark {

  FakeZoom zoom;
  BenchRuntime bench;
  Connections connections;
  Connection connection;
  AccessTokens tokens;
  ConnectionStore store;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    zoom = new FakeZoom();
    bench = BenchRuntime.start("patchbay-bench-store");
    connections = bench.runtime.connections();
    connection = add("bench-0");
    tokens = connections.tokens(connection);
    tokens.current();
    store = new ConnectionStore(bench.home.resolve("connections"),
        new SealedFiles(MasterKey.fromBase64(bench.masterKey, "bench")));
    if (!store.read(connection.id()).credentials().accessToken().equals(tokens.current())) {
      throw new IllegalStateException("the store and the cached tokens disagree");
    }
  }

  Connection add(String name) throws Exception {
    return bench.addServerToServer(name, zoom::url);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    bench.close();
    zoom.close();
  }

  /** The store with {@code connectionsInStore} connections in all, the measured one among them. */
  @State(Scope.Benchmark)
  public static class Crowded {
    @Param({"1", "20"})
    public int connectionsInStore;

    @Setup(Level.Trial)
    public void fill(TokenStoreReadBenchmark benchmark) throws Exception {
      int existing = benchmark.connections.list().connections().size();
      for (int i = existing; i < connectionsInStore; i++) {
        benchmark.add("bench-" + i);
      }
    }
  }

  @Benchmark
  public Secret tokensCurrent() throws Exception {
    return tokens.current();
  }

  @Benchmark
  public StoredConnection storeRead() throws Exception {
    return store.read(connection.id());
  }

  @Benchmark
  public Connection connectionsGetByName(Crowded crowded) throws Exception {
    return connections.get("bench-0");
  }
}
