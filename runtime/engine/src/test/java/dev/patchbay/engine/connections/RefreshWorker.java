package dev.patchbay.engine.connections;

import dev.patchbay.engine.PatchbayHome;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.auth.AccessTokens;
import dev.patchbay.engine.secrets.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okio.Buffer;

/**
 * A second Patchbay process for cross-process tests, started by {@link CrossProcessRefreshTest}:
 * {@code race HOME NAME N} forces N refreshes of a connection; {@code halt HOME NAME} halts the JVM right after the
 * token endpoint answered a refresh, before the answer can be stored; {@code hold HOME NAME} refreshes once (its first token), but
 * between the token endpoint's answer and the store write it creates {@code HOME/answered} and waits for
 * {@code HOME/go}; {@code expiries HOME NAME G}, once a line comes
 * on standard input, takes the access token until the tokens reach generation G. The store is the home's (its files,
 * or the shared store its config names). Each prints {@code ready} once it holds the connection.
 */
public final class RefreshWorker {

  private RefreshWorker() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path home = Path.of(args[1]);
    String name = args[2];
    OkHttpClient http = switch (mode) {
      case "halt" -> afterRefreshAnswer(() -> Runtime.getRuntime().halt(42));
      case "hold" -> afterRefreshAnswer(() -> holdUntilGo(home));
      default -> new OkHttpClient();
    };
    try (PatchbayRuntime runtime = PatchbayRuntime.builder().home(new PatchbayHome(home)).start()) {
      Connections connections = ConnectionsFixture.connectionsOver(home, runtime.catalog(), http, Clock.systemUTC(),
          (connection, tokens) -> {
            throw new IllegalStateException("workers never connect");
          });
      Connection connection = connections.get(name);
      AccessTokens tokens = connections.tokens(connection);
      System.out.println("ready");
      System.out.flush();
      if (mode.equals("expiries")) {
        waitForGo();
        useUntilGeneration(ConnectionsFixture.storeOf(home), connection, tokens, Long.parseLong(args[3]));
      } else if (mode.equals("hold")) {
        // One refresh and nothing after it: the fixture's tokens expired by this JVM's clock, so the first token
        // taken is refreshed. A second refresh would race the test's removal for the lock.
        tokens.current();
      } else {
        int rounds = mode.equals("race") ? Integer.parseInt(args[3]) : 1;
        for (int i = 0; i < rounds; i++) {
          Secret seen = tokens.current();
          tokens.refreshAfterRejection(seen);
        }
      }
    }
    System.out.println("done");
  }

  /** Starts a worker JVM on {@code home}'s store: {@code args} are the mode, then the mode's arguments after HOME. */
  static Process start(Path home, String... args) throws IOException {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        RefreshWorker.class.getName(), args[0], home.toString()));
    command.addAll(java.util.List.of(args).subList(1, args.length));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** The worker's exit code, once it ended; a worker still running after two minutes is killed and fails. */
  static int finish(Process process) throws InterruptedException {
    if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("worker did not finish in 120 s");
    }
    return process.exitValue();
  }

  /** Blocks until the test writes a line: every worker is started, so all begin at once. */
  private static void waitForGo() throws java.io.IOException {
    new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))
        .readLine();
  }

  /**
   * Takes the current access token, as every activity does, until the stored tokens reached {@code generation}
   * (each expiry's refresh raises it by one): refreshes happen only when a token is due.
   */
  private static void useUntilGeneration(StoredConnections store, Connection connection, AccessTokens tokens,
      long generation) throws Exception {
    while (true) {
      tokens.current();
      if (store.read(connection.id()).credentials().generation() >= generation) {
        return;
      }
      Thread.sleep(5);
    }
  }

  private static void holdUntilGo(Path home) {
    try {
      Files.writeString(home.resolve("answered"), "");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(home.resolve("go")) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static OkHttpClient afterRefreshAnswer(Runnable then) {
    return new OkHttpClient.Builder().addNetworkInterceptor(chain -> {
      Buffer body = new Buffer();
      if (chain.request().body() != null) {
        chain.request().body().writeTo(body);
      }
      Response response = chain.proceed(chain.request());
      if (body.readUtf8().contains("grant_type=refresh_token")) {
        response.peekBody(Long.MAX_VALUE);
        then.run();
      }
      return response;
    }).build();
  }
}
