package dev.patchbay.engine.auth;

import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A "browser" that follows the authorization page's redirects with no person involved, for providers that approve
 * without a click: a sandbox in auto-approve mode. The redirect ends at the loopback receiver like a real one.
 */
public final class UnattendedBrowser implements Browser {

  private final OkHttpClient client;

  public UnattendedBrowser(OkHttpClient shared) {
    this.client = shared.newBuilder().followRedirects(true).followSslRedirects(false).build();
  }

  @Override
  public void open(String url) throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(url).get().build()).execute()) {
      okhttp3.HttpUrl landed = response.request().url();
      if (!landed.host().equals("127.0.0.1") || !landed.encodedPath().equals(LoopbackReceiver.PATH)) {
        throw new IOException("the authorization page did not approve by itself (HTTP " + response.code()
            + "); it needs a person: connect without --sandbox's unattended mode");
      }
    }
  }
}
