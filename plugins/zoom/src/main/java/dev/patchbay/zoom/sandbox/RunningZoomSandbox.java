package dev.patchbay.zoom.sandbox;

import com.sun.net.httpserver.HttpServer;
import dev.patchbay.api.RunningSandbox;
import dev.patchbay.api.SandboxOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.DateTimeException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/** A Zoom sandbox serving on 127.0.0.1 until closed. */
public final class RunningZoomSandbox implements RunningSandbox {

  /** A few threads: enough for concurrent clients and injected latency, few enough for a 2-core benchmark box. */
  private static final int THREADS = 8;
  private static final int BACKLOG = 128;
  /**
   * The JDK server writes response headers and body separately; with Nagle's algorithm on, the body then waits for
   * the client's delayed ACK (40 ms on Linux), capping a keep-alive client at about 25 requests per second. The JDK
   * reads this property once, when the first HttpServer of the JVM is created: a launcher that may create another
   * server first should pass -Dsun.net.httpserver.nodelay=true itself.
   */
  private static final String NO_DELAY = "sun.net.httpserver.nodelay";

  private final HttpServer server;
  private final ExecutorService executor;
  private final Services services;
  private final SandboxControl control;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RunningZoomSandbox(HttpServer server, ExecutorService executor, Services services) {
    this.server = server;
    this.executor = executor;
    this.services = services;
    this.control = new SandboxControl(services);
  }

  static RunningZoomSandbox start(SandboxOptions options, Clock clock) throws IOException {
    Ids ids = new Ids();
    StateStore store = options.dataDirectory() == null ? null : new StateStore(options.dataDirectory());
    JsonNode saved = store == null ? null : store.load();
    JsonNode seed = saved != null ? saved : Seed.read(options.seedFile());
    String source = saved != null ? options.dataDirectory().resolve(StateStore.FILE_NAME).toString()
        : options.seedFile() != null ? options.seedFile().toString() : Seed.DEFAULT_RESOURCE;
    Settings settings = new Settings(options.autoApprove());
    Faults faults = new Faults();
    SandboxState state;
    Grants grants;
    try {
      state = Seed.load(seed, clock.instant(), ids, store);
      grants = new Grants(state, settings, faults, clock, ids);
      grants.load(seed.path("grants"));
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new IOException("cannot start the Zoom sandbox from " + source + ": " + e.getMessage(), e);
    }
    state.attach(grants);

    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
    // Loopback only, by address: the sandbox hands out tokens for anyone who can reach it.
    InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    HttpServer server = HttpServer.create(new InetSocketAddress(loopback, options.port()), BACKLOG);
    String origin = "http://127.0.0.1:" + server.getAddress().getPort();
    Services services = new Services(origin, clock, state, grants, settings, faults,
        new RateLimits(clock, settings), new Pages(clock, ids), new Meetings(ids), new RequestLog());
    ExecutorService executor = Executors.newFixedThreadPool(THREADS, threads());
    RunningZoomSandbox sandbox = new RunningZoomSandbox(server, executor, services);
    server.setExecutor(executor);
    server.createContext("/", new SandboxHandler(services, new ControlEndpoint(services, sandbox.control, sandbox)));
    server.start();
    if (saved == null) {
      state.changed(); // a fresh data directory gets the seeded state at once
    }
    return sandbox;
  }

  /** The fault switches and settings of this sandbox. */
  public SandboxControl control() {
    return control;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String origin() {
    return services.origin();
  }

  /** The bound address: always 127.0.0.1. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public String baseUrl() {
    return services.origin() + "/v2";
  }

  @Override
  public String authorizeUrl() {
    return services.origin() + "/oauth/authorize";
  }

  @Override
  public String tokenUrl() {
    return services.origin() + "/oauth/token";
  }

  @Override
  public String revokeUrl() {
    return services.origin() + "/oauth/revoke";
  }

  /**
   * The sandbox app's credentials for the auth type: {@code clientId} and {@code clientSecret}, plus
   * {@code accountId} for {@code server-to-server}.
   */
  @Override
  public Map<String, String> connectionFields(String authTypeId) {
    SandboxApp app = SandboxApp.byAuthType(authTypeId).orElseThrow(() -> new IllegalArgumentException(
        "the Zoom sandbox has no app for auth type " + authTypeId + " (it has oauth, byo-oauth, server-to-server)"));
    Map<String, String> fields = new LinkedHashMap<>();
    if (app.accountLevel()) {
      fields.put("accountId", services.state().accountId());
    }
    fields.put("clientId", app.clientId());
    fields.put("clientSecret", app.clientSecret());
    return Map.copyOf(fields);
  }

  @Override
  public boolean newUserPerSignIn() {
    services.settings().newUserPerSignIn(true);
    return true;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  private static ThreadFactory threads() {
    AtomicInteger number = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "zoom-sandbox-" + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
