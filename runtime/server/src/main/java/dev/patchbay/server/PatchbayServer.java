package dev.patchbay.server;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.catalog.PluginRegistry;
import dev.patchbay.engine.plugins.PluginFolderWatcher;
import dev.patchbay.engine.webhooks.EventHandler;
import dev.patchbay.engine.webhooks.EventOutcome;
import dev.patchbay.engine.webhooks.EventStatus;
import dev.patchbay.engine.webhooks.WebhookInbox;
import dev.patchbay.server.access.BearerAuth;
import dev.patchbay.server.activities.ActivitiesApi;
import dev.patchbay.server.catalog.CatalogApi;
import dev.patchbay.server.connections.ConnectionsApi;
import dev.patchbay.server.console.Console;
import dev.patchbay.server.console.PluginsPage;
import dev.patchbay.server.health.HealthApi;
import dev.patchbay.server.http.ApiErrors;
import dev.patchbay.server.http.ApiException;
import dev.patchbay.server.http.InFlight;
import dev.patchbay.server.http.InFlightFilter;
import dev.patchbay.server.http.JacksonJsonMapper;
import dev.patchbay.server.http.JsonBodies;
import dev.patchbay.server.http.RequestLog;
import dev.patchbay.server.http.Routes;
import dev.patchbay.server.openapi.OpenApiDocument;
import dev.patchbay.server.plugins.PluginChangeLog;
import dev.patchbay.server.runs.RunsApi;
import dev.patchbay.server.signin.Connecting;
import dev.patchbay.server.signin.SignIns;
import dev.patchbay.server.webhooks.WebhooksApi;
import dev.patchbay.server.workflows.BackgroundRuns;
import dev.patchbay.server.workflows.WorkflowFolder;
import dev.patchbay.server.workflows.WorkflowsApi;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.util.JavalinBindException;
import jakarta.servlet.DispatcherType;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Patchbay server: one {@link PatchbayRuntime} over HTTP. {@code /healthz} is open; every {@code /api/**} call
 * needs the API token as a bearer token; the console under {@code /console} needs a session signed in with it.
 * {@link #close()} refuses new requests, lets running ones (activities, workflow runs) finish within the shutdown
 * grace, then stops listening; the caller closes the runtime.
 */
public final class PatchbayServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PatchbayServer.class);
  private static final Logger REQUESTS = LoggerFactory.getLogger(RequestLog.NAME);

  private static final long THREAD_STOP_MILLIS = 1000;

  private final Javalin app;
  private final InFlight inFlight = new InFlight();
  private final ServerOptions options;
  private final WebhookInbox inbox;
  private final BackgroundRuns backgroundRuns;
  private final List<Routes.Route> routes;
  private PluginRegistry.Subscription pluginLog;
  private PluginFolderWatcher pluginWatcher;
  private boolean closed;

  private PatchbayServer(PatchbayRuntime runtime, BearerAuth auth, ServerOptions options, EventHandler events)
      throws ConnectorException {
    this.options = options;
    this.inbox = runtime.openInbox(events, options.webhooks());
    this.backgroundRuns = new BackgroundRuns(runtime);
    JsonBodies bodies = new JsonBodies(options.maxBodyBytes());
    Routes[] registry = new Routes[1];
    this.app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.jetty.host = options.host();
      config.jetty.port = options.port();
      config.http.maxRequestSize = options.maxBodyBytes();
      config.http.prefer405over404 = true;
      config.jetty.modifyServletContextHandler(context -> context.addFilter(
          new FilterHolder(new InFlightFilter(inFlight)), "/*", EnumSet.of(DispatcherType.REQUEST)));
      // The wait for running requests is InFlight's (the shutdown grace); Jetty then stops at once, giving threads
      // still stuck in a request a last second.
      config.jetty.modifyServer(server -> {
        server.setStopTimeout(0);
        if (server.getThreadPool() instanceof QueuedThreadPool pool) {
          pool.setStopTimeout(THREAD_STOP_MILLIS);
        }
      });
      config.jsonMapper(new JacksonJsonMapper());
      config.requestLogger.http((ctx, ms) -> RequestLog.line(REQUESTS, ctx.method().name(), ctx.path(),
          ctx.statusCode(), Math.round(ms)));
      config.routes.before("/api/*", auth::check);
      config.routes.before("/console/*", Console::securityHeaders);
      config.routes.exception(ApiException.class, ApiErrors::write);
      config.routes.exception(HttpResponseException.class, (e, ctx) -> ApiErrors.write(ApiErrors.of(e, ctx), ctx));
      config.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        ApiErrors.write(new ApiException(500, ApiException.INTERNAL_ERROR, "internal error; the server log has "
            + "the details"), ctx);
      });
      Routes routes = new Routes(config.routes);
      new HealthApi(runtime).register(routes);
      new OpenApiDocument().register(routes);
      new CatalogApi(runtime.plugins(), runtime::pluginHealth).register(routes);
      Connecting connecting = new Connecting(runtime, new SignIns(Clock.systemUTC()), this::publicUrl);
      new ConnectionsApi(runtime, bodies, connecting).register(routes);
      new ActivitiesApi(runtime, bodies).register(routes);
      new RunsApi(runtime, bodies, workflowsFolder(runtime)).register(routes);
      WorkflowFolder workflowFolder = new WorkflowFolder(options.workflows());
      new WorkflowsApi(runtime, bodies, workflowFolder, backgroundRuns).register(routes);
      new WebhooksApi(inbox, bodies).register(routes);
      Console console = new Console(runtime, auth, connecting, workflowFolder, backgroundRuns);
      console.register(routes);
      new PluginsPage(runtime, console).register(routes);
      registry[0] = routes;
    });
    this.routes = registry[0].list();
  }

  /**
   * {@link #start(PatchbayRuntime, String, ServerOptions, EventHandler)} with nothing run on events: each is recorded
   * NO_TRIGGER.
   */
  public static PatchbayServer start(PatchbayRuntime runtime, String apiToken, ServerOptions options)
      throws BindException, ConnectorException {
    return start(runtime, apiToken, options, event -> EventOutcome.of(EventStatus.NO_TRIGGER, "no workflow runs "
        + "on events: the server was started without triggers (patchbay serve --triggers FOLDER)"));
  }

  /**
   * Starts listening, and watching the plugin folders: a plugin archive added, replaced or removed while serving is
   * loaded, replaced or removed (one log line each); the port is {@link #port()} (useful with port 0). Events
   * received at {@code /webhooks/{connector}} are acknowledged at once and handed to {@code events} on the inbox's
   * workers (a {@code TriggerDispatch} runs the workflows registered on them).
   *
   * @throws BindException the address cannot be listened on (the port is taken, the host is not this machine's)
   * @throws ConnectorException the shared store's webhook events cannot be used (the master key cannot be loaded)
   */
  public static PatchbayServer start(PatchbayRuntime runtime, String apiToken, ServerOptions options,
      EventHandler events) throws BindException, ConnectorException {
    return start(runtime, new BearerAuth(apiToken), options, events);
  }

  /**
   * {@link #start(PatchbayRuntime, String, ServerOptions, EventHandler)} checking requests with {@code auth}, such as
   * a {@link dev.patchbay.server.access.SharedApiToken}'s, which knows only the token's digest.
   */
  public static PatchbayServer start(PatchbayRuntime runtime, BearerAuth auth, ServerOptions options,
      EventHandler events) throws BindException, ConnectorException {
    PatchbayServer server = new PatchbayServer(runtime, auth, options, events);
    try {
      server.app.start();
    } catch (JavalinBindException e) {
      server.inbox.close();
      BindException bind = new BindException("cannot listen on " + options.host() + ":" + options.port()
          + " (is the port in use, or the address not this machine's?)");
      bind.initCause(e);
      throw bind;
    }
    LOG.info("listening on http://{}:{}", options.host(), server.port());
    server.pluginLog = runtime.plugins().onChange(PluginChangeLog::log);
    server.pluginWatcher = runtime.plugins().watch(options.pluginWatch());
    return server;
  }

  /** Where the server keeps its own state: the API token, workflows given to {@code POST /api/runs}. */
  public static Path serverFolder(PatchbayRuntime runtime) {
    return runtime.home().root().resolve("server");
  }

  private static Path workflowsFolder(PatchbayRuntime runtime) {
    return serverFolder(runtime).resolve("workflows");
  }

  public int port() {
    return app.port();
  }

  /**
   * Where browsers reach this server: the operator's {@code --public-url} (behind a proxy, on another name), else
   * this machine's address and port. Sign-in redirect URIs are built on it.
   */
  public String publicUrl() {
    if (options.publicUrl() != null) {
      return options.publicUrl();
    }
    String host = options.host();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "127.0.0.1";
    }
    return "http://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + app.port();
  }

  /** Every route the server serves. */
  public List<Routes.Route> routes() {
    return routes;
  }

  /**
   * Stops gracefully: new requests get 503, running ones get up to the shutdown grace to finish, and so do the
   * webhook events queued or being processed (those that never start are recorded NOT_PROCESSED and logged); then
   * the server stops listening. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopWatchingPlugins();
    int running = inFlight.running();
    if (running > 0) {
      LOG.info("stopping: waiting up to {} ms for {} running request(s)", options.shutdownGrace().toMillis(),
          running);
    }
    long deadline = System.nanoTime() + options.shutdownGrace().toNanos();
    try {
      int left = inFlight.drain(options.shutdownGrace());
      if (left > 0) {
        LOG.warn("stopping with {} request(s) still running after {} ms", left, options.shutdownGrace().toMillis());
      }
      backgroundRuns.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      int unprocessed = inbox.stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      if (unprocessed > 0) {
        LOG.warn("stopping with {} webhook event(s) acknowledged but not processed (each logged with its id); the "
            + "provider will not deliver them again", unprocessed);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      app.stop();
      LOG.info("stopped");
    } catch (RuntimeException e) {
      // Jetty finished stopping, but reports the requests it had to cut off when its own short stop ran out.
      LOG.warn("stopped; requests still running were cut off ({})", e.getMessage());
    }
  }

  private void stopWatchingPlugins() {
    if (pluginWatcher != null) {
      pluginWatcher.close();
    }
    if (pluginLog != null) {
      pluginLog.close();
    }
  }
}
