package dev.patchbay.server;

import dev.patchbay.engine.plugins.PluginWatchSettings;
import dev.patchbay.engine.webhooks.WebhookSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * How the server listens.
 *
 * @param host the address to bind; loopback unless the operator says otherwise
 * @param port the port, 0 for any free one
 * @param maxBodyBytes the largest request body accepted; a larger one is answered 413
 * @param shutdownGrace how long a stop waits for running requests (activities, workflow runs) to finish
 * @param publicUrl where browsers reach the server (a proxy, another name), without a trailing slash; null for
 *     {@code http://host:port}. Sign-in redirect URIs are built on it.
 * @param pluginWatch how the plugin folders are watched for archives added, replaced or removed while serving
 * @param webhooks how provider webhooks are received: the signing-time window, the queue
 * @param workflows a folder of workflows the console and {@code POST /api/workflows/{file}/runs} start, or null
 */
public record ServerOptions(String host, int port, long maxBodyBytes, Duration shutdownGrace, String publicUrl,
    PluginWatchSettings pluginWatch, WebhookSettings webhooks, Path workflows) {

  public static final String LOOPBACK = "127.0.0.1";
  public static final int DEFAULT_PORT = 8470;
  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

  public ServerOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    Objects.requireNonNull(pluginWatch, "pluginWatch");
    Objects.requireNonNull(webhooks, "webhooks");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535, not " + port);
    }
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes must be positive");
    }
    if (publicUrl != null) {
      HttpUrl url = HttpUrl.parse(publicUrl);
      if (url == null || url.query() != null || url.fragment() != null || url.username().length() > 0
          || publicUrl.endsWith("/")) {
        throw new IllegalArgumentException("the public URL must be http(s)://host[:port][/path], without a trailing "
            + "slash, query or credentials, not " + publicUrl);
      }
    }
  }

  /**
   * Loopback, the default port, 1 MiB bodies, 30 seconds to finish running requests, the default plugin watch and
   * webhook settings.
   */
  public static ServerOptions defaults() {
    return new ServerOptions(LOOPBACK, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES, DEFAULT_SHUTDOWN_GRACE, null,
        PluginWatchSettings.defaults(), WebhookSettings.defaults(), null);
  }

  public ServerOptions withHost(String newHost) {
    return new ServerOptions(newHost, port, maxBodyBytes, shutdownGrace, publicUrl, pluginWatch, webhooks, workflows);
  }

  public ServerOptions withPort(int newPort) {
    return new ServerOptions(host, newPort, maxBodyBytes, shutdownGrace, publicUrl, pluginWatch, webhooks, workflows);
  }

  public ServerOptions withShutdownGrace(Duration newGrace) {
    return new ServerOptions(host, port, maxBodyBytes, newGrace, publicUrl, pluginWatch, webhooks, workflows);
  }

  public ServerOptions withPublicUrl(String newPublicUrl) {
    return new ServerOptions(host, port, maxBodyBytes, shutdownGrace, newPublicUrl, pluginWatch, webhooks, workflows);
  }

  public ServerOptions withPluginWatch(PluginWatchSettings newWatch) {
    return new ServerOptions(host, port, maxBodyBytes, shutdownGrace, publicUrl, newWatch, webhooks, workflows);
  }

  public ServerOptions withWebhooks(WebhookSettings newWebhooks) {
    return new ServerOptions(host, port, maxBodyBytes, shutdownGrace, publicUrl, pluginWatch, newWebhooks, workflows);
  }

  public ServerOptions withWorkflows(Path newWorkflows) {
    return new ServerOptions(host, port, maxBodyBytes, shutdownGrace, publicUrl, pluginWatch, webhooks, newWorkflows);
  }
}
