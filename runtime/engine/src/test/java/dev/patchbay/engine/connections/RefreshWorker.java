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
 * token endpoint answered a refresh, before the answer can be stored; {@code hold HOME NAME} refreshes once, but
 * between the token endpoint's answer and the store write it creates {@code HOME/answered} and waits for
 * {@code HOME/go}.
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
      AccessTokens tokens = connections.tokens(connections.get(name));
      int rounds = mode.equals("race") ? Integer.parseInt(args[3]) : 1;
      for (int i = 0; i < rounds; i++) {
        Secret seen = tokens.current();
        tokens.refreshAfterRejection(seen);
      }
    }
    System.out.println("done");
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
