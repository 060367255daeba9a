package dev.patchbay.engine.auth;

import java.io.IOException;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A "browser" that follows the authorization page's redirects with no person involved, for providers that approve
 * without a click: a sandbox in auto-approve mode. The redirect ends at the loopback receiver like a real one; like
 * a real browser, it does not wait there: the receiver's page waits for the sign-in's outcome, which comes after
 * {@link #open} returns.
 */
public final class UnattendedBrowser implements Browser {

  private static final int MAX_REDIRECTS = 20;

  private final OkHttpClient client;

  public UnattendedBrowser(OkHttpClient shared) {
    this.client = shared.newBuilder().followRedirects(false).followSslRedirects(false)
        .readTimeout(Duration.ofMinutes(3)).build();
  }

  @Override
  public void open(String url) throws IOException {
    HttpUrl next = HttpUrl.get(url);
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (next.host().equals("127.0.0.1") && next.encodedPath().equals(LoopbackReceiver.PATH)) {
        deliver(next);
        return;
      }
      try (Response response = client.newCall(new Request.Builder().url(next).get().build()).execute()) {
        String location = response.isRedirect() ? response.header("Location") : null;
        HttpUrl target = location == null ? null : response.request().url().resolve(location);
        if (target == null) {
          throw new IOException("the authorization page did not approve by itself (HTTP " + response.code()
              + "); it needs a person: connect without --sandbox's unattended mode");
        }
        next = target;
      }
    }
    throw new IOException("the authorization page redirected more than " + MAX_REDIRECTS + " times");
  }

  /** Brings the answer to the loopback receiver, on a thread of its own, since its page waits for the outcome. */
  private void deliver(HttpUrl callback) {
    Thread thread = new Thread(() -> {
      try (Response response = client.newCall(new Request.Builder().url(callback).get().build()).execute()) {
        response.body().string();
      } catch (IOException e) {
        // The receiver stopped before answering its page: the sign-in's outcome is reported where it was started.
      }
    }, "patchbay-unattended-browser");
    thread.setDaemon(true);
    thread.start();
  }
}
