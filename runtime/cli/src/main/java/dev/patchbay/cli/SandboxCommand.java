package dev.patchbay.cli;

import dev.patchbay.api.RunningSandbox;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.catalog.CatalogEntry;
import dev.patchbay.engine.definitions.AuthTypeDefinition;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sandbox", mixinStandardHelpOptions = true,
    description = "Local emulators of connectors' services, for trying Patchbay with no account.",
    subcommands = {SandboxCommand.Start.class})
final class SandboxCommand extends GroupCommand {

  @Command(name = "start", mixinStandardHelpOptions = true,
      description = "Run a connector's sandbox in the foreground on 127.0.0.1 until Ctrl-C; prints its URLs and the "
          + "fields to connect with.",
      footer = {"", "Zoom's sandbox is steered while it runs, for trying failures: POST a JSON object to "
          + "http://127.0.0.1:PORT/_sandbox/control with any of latencyMillis (every answer delayed), "
          + "downloadBytesPerSecond (recording downloads slowed, 0 for full speed), serverErrors "
          + "({\"count\":3,\"status\":503,\"pathPrefix\":\"/v2\"}), dropConnections and loseResponses "
          + "({\"count\":2,\"pathPrefix\":\"/oauth/token\"}), rateLimits ({\"light\":2}), "
          + "accessTokenLifetimeSeconds, expireAccessTokens, grantedScopes, signedInUser, autoApprove, clearFaults. "
          + "GET /_sandbox shows its state; GET /_sandbox/requests?pathPrefix=/v2 (or &ranged=true) counts requests.",
          "e.g. curl -X POST -d '{\"latencyMillis\":500}' http://127.0.0.1:18470/_sandbox/control"})
  static final class Start extends RuntimeCommand {
    @Parameters(paramLabel = "CONNECTOR", description = "Connector id, e.g. zoom")
    String connectorId;

    @Option(names = "--port", defaultValue = "0", description = "Port on 127.0.0.1 (default: any free port)")
    int port;

    @Option(names = "--seed", paramLabel = "FILE", description = "Seed data (JSON) instead of the default")
    Path seed;

    @Option(names = "--data", paramLabel = "DIR", description = "Keep the sandbox's state in this folder between runs")
    Path data;

    @Option(names = "--no-auto-approve", description = "Show the consent page instead of approving sign-ins by itself")
    boolean manualConsent;

    @Override
    int run(PatchbayRuntime runtime, PrintWriter out, PrintWriter err) throws Exception {
      try (RunningSandbox running = runtime.startSandbox(connectorId,
          new dev.patchbay.api.SandboxOptions(port, seed, data, !manualConsent))) {
        out.println(connectorId + " sandbox running.");
        out.println("  API:        " + running.baseUrl());
        if (running.authorizeUrl() != null) {
          out.println("  authorize:  " + running.authorizeUrl());
          out.println("  token:      " + running.tokenUrl());
        }
        CatalogEntry entry = runtime.catalog().connector(connectorId).orElseThrow();
        for (AuthTypeDefinition authType : entry.definition().authTypes()) {
          try {
            out.println("  connect with --auth " + authType.id() + ": "
                + String.join(" ", running.connectionFields(authType.id()).entrySet().stream()
                    .map(field -> field.getKey() + "=" + field.getValue()).toList()));
          } catch (IllegalArgumentException notHere) {
            out.println("  not with --auth " + authType.id() + ": " + notHere.getMessage());
          }
        }
        if (running.authorizeUrl() != null) {
          out.println("  e.g. patchbay connections add " + connectorId + " --auth byo-oauth --name " + connectorId
              + "-local --base-url " + running.baseUrl() + " --authorize-url " + running.authorizeUrl()
              + " --token-url " + running.tokenUrl() + " --field clientId=... --field-stdin clientSecret");
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
        stopped.await();
        return ExitCode.OK;
      }
    }
  }
}
