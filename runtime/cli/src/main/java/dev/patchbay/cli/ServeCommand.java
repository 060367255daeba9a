package dev.patchbay.cli;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.plugins.AdmissionPolicy;
import dev.patchbay.engine.plugins.PluginStatus;
import dev.patchbay.engine.sandbox.SandboxSession;
import dev.patchbay.engine.store.SharedStore;
import dev.patchbay.engine.store.StoreException;
import dev.patchbay.engine.triggers.TriggerDispatch;
import dev.patchbay.engine.triggers.TriggerWorkflow;
import dev.patchbay.engine.triggers.TriggerWorkflows;
import dev.patchbay.engine.webhooks.WebhookSettings;
import dev.patchbay.engine.workflows.WorkflowProblem;
import dev.patchbay.engine.workflows.WorkflowProblems;
import dev.patchbay.server.PatchbayServer;
import dev.patchbay.server.ServerOptions;
import dev.patchbay.server.access.ApiTokenFile;
import dev.patchbay.server.access.BearerAuth;
import dev.patchbay.server.access.SharedApiToken;
import dev.patchbay.temporal.TemporalConnection;
import dev.patchbay.temporal.TemporalRuns;
import dev.patchbay.temporal.TemporalSettings;
import dev.patchbay.temporal.TemporalTriggerStarter;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Run the Patchbay server: the runtime over HTTP (GET /healthz; the API under /api, described at "
        + "/api/openapi.json), until SIGTERM or Ctrl-C.",
        "Every /api call needs 'Authorization: Bearer <API token>'. The token is generated on first start, shown "
            + "once, and kept in $PATCHBAY_HOME/server/api-token (mode 0600).",
        "Plugin zips added to, replaced in or removed from the plugins folders while serving are loaded, replaced "
            + "or removed without a restart (running activities finish in the version they started in).",
        "Provider webhooks are received at POST /webhooks/<connector> (signed with the token of 'patchbay webhooks "
            + "secret'), acknowledged at once and processed in the background; --triggers names a folder of "
            + "workflows that run on them, each checked before the server starts; with --temporal they start there, "
            + "one run per delivery however many replicas it reaches.",
        "On stop, new requests are refused and running ones (activities, workflow runs, webhook events) get "
            + "--shutdown-grace to finish. One log line per request on stderr: method, path, status, milliseconds; "
            + "one per plugin change; and one per webhook event taken and per outcome."})
final class ServeCommand implements Callable<Integer> {

  private static final String SERVER_LOG_LEVEL = "org.slf4j.simpleLogger.log.dev.patchbay.server";
  /** One line per webhook event taken and per outcome: what became of an event is never only in memory. */
  private static final String WEBHOOK_LOG_LEVEL = "org.slf4j.simpleLogger.log.dev.patchbay.engine.webhooks";

  @Spec
  CommandSpec spec;

  @Mixin
  RuntimeOptions runtimeOptions = new RuntimeOptions();

  @Option(names = "--port", paramLabel = "N", defaultValue = "" + ServerOptions.DEFAULT_PORT,
      description = "The port to listen on (default: ${DEFAULT-VALUE}; 0 for any free port)")
  int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = ServerOptions.LOOPBACK,
      description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only)")
  String bind;

  @Option(names = "--public-url", paramLabel = "URL",
      description = "Where browsers reach this server, when not at http://ADDRESS:PORT (a proxy, TLS in front); "
          + "sign-in redirect URLs are built on it: register URL/oauth/callback/<connector> with the provider's app")
  String publicUrl;

  @Option(names = "--sandbox", arity = "0..1", fallbackValue = "zoom", paramLabel = "CONNECTOR",
      description = "Serve against a connector's built-in sandbox (default connector: zoom); its connection is "
          + "used when a request names none, and your own connections are not touched")
  String sandboxConnector;

  @Option(names = "--sandbox-auth", paramLabel = "AUTH_TYPE",
      description = "The auth type the sandbox connection uses (default: the connector's first one its sandbox "
          + "connects with)")
  String sandboxAuth;

  @Option(names = "--rotate-token",
      description = "Replace the API token with a new one (shown once) before serving; the old one stops working "
          + "(on a shared store: for every replica from its next start)")
  boolean rotateToken;

  @Option(names = "--shutdown-grace", paramLabel = "DURATION", defaultValue = "PT30S",
      description = "How long a stop waits for running requests, ISO-8601 (default: ${DEFAULT-VALUE})")
  Duration shutdownGrace;

  @Option(names = "--triggers", paramLabel = "FOLDER",
      description = "A folder of workflows that run on provider events (each with trigger: {event: "
          + "CONNECTOR/EVENT}), all checked before the server starts")
  Path triggersFolder;

  @Option(names = "--workflows", paramLabel = "FOLDER",
      description = "A folder of workflows the console's Workflows page and POST /api/workflows/<file>/runs start "
          + "(the .yaml, .yml and .json files in it, read afresh each time)")
  Path workflowsFolder;

  @Mixin
  TemporalOptions temporal = new TemporalOptions();

  @Option(names = "--webhook-window", paramLabel = "DURATION", defaultValue = "PT90M",
      description = "How old a webhook's signing time may be, ISO-8601, at most 7 days; signatures seen within it, "
          + "and events seen within it or Zoom's 90 minutes of retries, are not processed again (default: "
          + "${DEFAULT-VALUE}, which lets every Zoom retry in)")
  Duration webhookWindow;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (port < 0 || port > 65535) {
      throw new UserException(ExitCode.USAGE, "--port must be 0-65535, not " + port);
    }
    if (workflowsFolder != null && !Files.isDirectory(workflowsFolder)) {
      throw new UserException(ExitCode.USAGE, "--workflows " + workflowsFolder + ": not a folder");
    }
    if (shutdownGrace.isNegative()) {
      throw new UserException(ExitCode.USAGE, "--shutdown-grace must not be negative");
    }
    if (webhookWindow.isNegative() || webhookWindow.isZero()
        || webhookWindow.compareTo(WebhookSettings.MAX_WINDOW) > 0) {
      throw new UserException(ExitCode.USAGE, "--webhook-window must be positive and at most 7 days (P7D), not "
          + webhookWindow);
    }
    ServerOptions options;
    try {
      options = ServerOptions.defaults().withHost(bind).withPort(port).withShutdownGrace(shutdownGrace)
          .withPublicUrl(publicUrl == null ? null : publicUrl.replaceAll("/+$", ""))
          .withWebhooks(WebhookSettings.defaults().withWindow(webhookWindow))
          .withWorkflows(workflowsFolder == null ? null : workflowsFolder.toAbsolutePath());
    } catch (IllegalArgumentException e) {
      throw new UserException(ExitCode.USAGE, "--public-url: " + e.getMessage());
    }
    for (String logger : new String[] {SERVER_LOG_LEVEL, WEBHOOK_LOG_LEVEL}) {
      if (System.getProperty(logger) == null) {
        System.setProperty(logger, "info");
      }
    }
    PatchbayRuntime runtime = runtimeOptions.start();
    PatchbayServer server;
    TemporalConnection onTemporal = null;
    String token;
    boolean showToken;
    try {
      // A shared store that cannot be used stops the start, rather than failing each request that needs it.
      Optional<SharedStore> shared = runtime.sharedStore();
      if (temporal.enabled()) {
        TemporalOptions.requireInstallationKey(runtime);
      }
      ConnectorsCommand.warnAboutFailedPlugins(runtime.catalog(), err);
      if (sandboxConnector != null) {
        SandboxSession session = runtime.openSandbox(sandboxConnector,
            sandboxAuth != null ? sandboxAuth : runtime.defaultSandboxAuthType(sandboxConnector),
            dev.patchbay.api.SandboxOptions.defaults());
        out.println("Sandbox: " + sandboxConnector + " emulator at " + session.running().baseUrl()
            + ", connection '" + session.connection().name() + "'");
      }
      // Triggers are checked before the API token is rotated: a refused trigger must not cost the token.
      TriggerWorkflows triggers = triggersFolder == null ? TriggerWorkflows.none()
          : TriggerWorkflows.register(triggersFolder, runtime.workflows());
      if (temporal.enabled()) {
        checkForTemporal(runtime, triggers);
      }
      ApiTokenFile tokenFile = new ApiTokenFile(PatchbayServer.serverFolder(runtime));
      BearerAuth auth;
      if (shared.isPresent()) {
        SharedApiToken sharedToken = new SharedApiToken(shared.get());
        SharedApiToken.Loaded loaded = rotateToken ? sharedToken.rotate() : sharedToken.loadOrCreate();
        auth = loaded.auth();
        token = loaded.token();
        showToken = loaded.created();
      } else if (rotateToken) {
        token = tokenFile.rotate();
        showToken = true;
        auth = new BearerAuth(token);
      } else {
        ApiTokenFile.Loaded loaded = tokenFile.loadOrCreate();
        token = loaded.token();
        showToken = loaded.created();
        auth = new BearerAuth(token);
      }
      TriggerDispatch dispatch;
      if (temporal.enabled()) {
        TemporalSettings settings = temporal.settings();
        onTemporal = temporal.connect(runtime);
        dispatch = new TriggerDispatch(runtime, triggers, new TemporalTriggerStarter(runtime,
            new TemporalRuns(onTemporal.client(), settings)));
      } else {
        dispatch = new TriggerDispatch(runtime, triggers);
      }
      server = PatchbayServer.start(runtime, auth, options, dispatch);
      String url = "http://" + (bind.contains(":") ? "[" + bind + "]" : bind) + ":" + server.port();
      out.println("Patchbay server " + PatchbayRuntime.version() + " listening on " + url);
      if (!isLoopback(bind)) {
        err.println("warning: listening on " + bind + ", beyond this machine: anyone who reaches it and holds the "
            + "token can use every connection; put TLS in front of it");
      }
      String keptIn = shared.isPresent() ? "the shared store " + shared.get().location()
          + " as its digest only, for every replica: save it now" : tokenFile.file().toString();
      if (showToken) {
        out.println("API token (shown this once; kept in " + keptIn + "):");
        out.println("  " + token);
      } else if (shared.isPresent()) {
        out.println("API token: the one the replicas of " + shared.get().location() + " share, shown when it was "
            + "made (patchbay serve --rotate-token replaces it)");
      } else {
        out.println("API token: in " + keptIn + " (patchbay serve --rotate-token replaces it)");
      }
      out.println("Use it: curl -H \"Authorization: Bearer " + (shared.isPresent() ? "$TOKEN"
          : "$(cat " + tokenFile.file() + ")") + "\" " + url + "/api/connectors");
      out.println("Console: " + server.publicUrl() + "/console (sign in with the API token); sign-ins come back to "
          + server.publicUrl() + "/oauth/callback/<connector>");
      if (workflowsFolder != null) {
        out.println("Workflows: " + workflowsFolder.toAbsolutePath() + ", started from " + server.publicUrl()
            + "/console/workflows or POST /api/workflows/<file>/runs");
      }
      out.println("Webhooks: " + server.publicUrl() + "/webhooks/<connector> (set the secret token with patchbay "
          + "webhooks secret <connector>); " + describe(triggers));
      if (onTemporal != null) {
        out.println("Runs on events start on Temporal at " + onTemporal.settings().target() + " (task queue "
            + onTemporal.settings().taskQueue() + "), one per delivery: run workers with patchbay worker --temporal "
            + onTemporal.settings().target());
      }
      out.println("Plugins: watching " + runtime.plugins().roots().stream().map(Object::toString)
          .collect(Collectors.joining(", ")) + " for zips added, replaced or removed");
      unadmittedPluginsWarning(runtime, distribution()).ifPresent(err::println);
      out.println("Stop with Ctrl-C; running requests get " + shutdownGrace.toSeconds() + " s to finish.");
      out.flush();
    } catch (ConnectorException e) {
      closeAll(onTemporal, runtime);
      throw UserException.of(e);
    } catch (StoreException e) {
      closeAll(onTemporal, runtime);
      throw new UserException(ExitCode.STORE, "store: " + e.getMessage());
    } catch (WorkflowProblems e) {
      closeAll(onTemporal, runtime);
      for (WorkflowProblem problem : e.problems()) {
        err.println(problem);
      }
      throw new UserException(ExitCode.USAGE, e.problems().size() + " problem" + (e.problems().size() == 1 ? ""
          : "s") + " in the trigger workflows of " + triggersFolder + "; the server was not started");
    } catch (BindException e) {
      closeAll(onTemporal, runtime);
      throw new UserException(ExitCode.USAGE, e.getMessage());
    } catch (IOException e) {
      closeAll(onTemporal, runtime);
      throw new UserException(ExitCode.INVALID, "cannot keep the API token in "
          + PatchbayServer.serverFolder(runtime) + ": " + e.getMessage());
    } catch (InterruptedException | RuntimeException e) {
      closeAll(onTemporal, runtime);
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    TemporalConnection temporalConnection = onTemporal;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      closeAll(temporalConnection, runtime);
      stopped.countDown();
    }, "patchbay-serve-shutdown"));
    stopped.await();
    return ExitCode.OK;
  }

  /**
   * The rules of a run on Temporal ({@code env} and secret inputs refused), for every trigger workflow at the start
   * rather than at each event, whose run Temporal would then refuse.
   */
  private static void checkForTemporal(PatchbayRuntime runtime, TriggerWorkflows triggers)
      throws WorkflowProblems, ConnectorException {
    List<WorkflowProblem> problems = new ArrayList<>();
    for (TriggerWorkflow workflow : triggers.all()) {
      try {
        TemporalRuns.checkTrigger(runtime, workflow.file());
      } catch (WorkflowProblems e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new WorkflowProblems(problems);
    }
  }

  private static void closeAll(TemporalConnection temporal, PatchbayRuntime runtime) {
    if (temporal != null) {
      temporal.close();
    }
    runtime.close();
  }

  /** The distribution's folder, when the launcher said where the distribution is. */
  private static Optional<Path> distribution() {
    return Optional.ofNullable(System.getProperty(RuntimeOptions.APP_HOME_PROPERTY))
        .map(appHome -> Path.of(appHome).toAbsolutePath().normalize());
  }

  /**
   * A warning when plugins that did not come with the distribution serve and no admission policy says which may: an
   * admitted plugin runs in this JVM with all its rights (README, Trust model), so what runs should be chosen.
   */
  static Optional<String> unadmittedPluginsWarning(PatchbayRuntime runtime, Optional<Path> distribution) {
    AdmissionPolicy policy = runtime.plugins().admissionPolicy();
    if (policy.present()) {
      return Optional.empty();
    }
    // The distribution ships plugins (plugins/) and declarative definitions (connectors/): both are its own.
    Set<Path> bundled = distribution.map(folder -> Set.of(folder.resolve("plugins"), folder.resolve("connectors")))
        .orElse(Set.of());
    List<String> outside = runtime.catalog().plugins().stream()
        .filter(report -> report.status() == PluginStatus.ACTIVE)
        .filter(report -> distribution.isEmpty()
            || !bundled.contains(report.archive().toAbsolutePath().normalize().getParent()))
        .map(report -> report.pluginId() + " " + report.version() + " (" + report.archive() + ")")
        .toList();
    if (outside.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("warning: no admission policy (" + policy.file() + " does not exist), and plugins that are not "
        + "part of the distribution serve: " + String.join(", ", outside) + ". A plugin runs inside this server with "
        + "all its rights: it can read the master key, every connection's tokens and the API token. Admit only what "
        + "you trust: patchbay plugins pin ZIP --write (README: Trust model).");
  }

  private static String describe(TriggerWorkflows triggers) {
    if (triggers.all().isEmpty()) {
      return "no workflow runs on events (--triggers FOLDER)";
    }
    StringBuilder text = new StringBuilder("workflows run on events:");
    for (TriggerWorkflow workflow : triggers.all()) {
      text.append(' ').append(workflow.file().getFileName()).append(" on ").append(workflow.trigger()).append(';');
    }
    text.setLength(text.length() - 1);
    return text.toString();
  }

  private static boolean isLoopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
