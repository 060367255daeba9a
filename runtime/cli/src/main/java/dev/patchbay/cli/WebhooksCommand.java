package dev.patchbay.cli;

import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.catalog.CatalogEntry;
import dev.patchbay.engine.secrets.Secret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "webhooks", mixinStandardHelpOptions = true,
    description = "Provider webhooks, received by patchbay serve at /webhooks/<connector>.",
    subcommands = {WebhooksCommand.SetSecret.class})
final class WebhooksCommand extends GroupCommand {

  @Command(name = "secret", mixinStandardHelpOptions = true,
      description = {"Set the secret token deliveries to /webhooks/<connector> are signed with (Zoom: the Secret "
          + "Token of the app's event subscription). It is asked for without echo, or read from the first line of "
          + "standard input (patchbay webhooks secret zoom < token.txt); never give it as an argument, where other "
          + "users of the machine and the shell history see it.",
          "It is kept encrypted under the master key in $PATCHBAY_HOME/webhooks/<connector>.secret (or the "
              + "shared store PATCHBAY_STORE names); a running server uses a new token from the next delivery on."})
  static final class SetSecret extends RuntimeCommand {
    @Parameters(paramLabel = "CONNECTOR", description = "Connector id, e.g. zoom")
    String connectorId;

    @Option(names = "--remove", description = "Remove the secret token: deliveries for the connector are then "
        + "refused (404)")
    boolean remove;

    @Override
    int run(PatchbayRuntime runtime, PrintWriter out, PrintWriter err) throws Exception {
      CatalogEntry connector = runtime.catalog().connector(connectorId).orElseThrow(() -> new UserException(
          ExitCode.NOT_FOUND, "no connector '" + connectorId + "' (patchbay connectors list shows the loaded ones)"));
      // The load checked that the definition declares webhook events exactly when the plugin receives them.
      if (connector.definition().webhooks() == null) {
        throw new UserException(ExitCode.INVALID, "connector '" + connectorId + "' receives no webhooks");
      }
      if (remove) {
        boolean removed = runtime.webhookSecrets().remove(connectorId);
        out.println(removed ? "Removed the webhook secret token of " + connectorId + "."
            : "No webhook secret token was set for " + connectorId + ".");
        return ExitCode.OK;
      }
      Secret token = readToken();
      if (token.isEmpty()) {
        throw new UserException(ExitCode.USAGE, "no secret token given: type it at the prompt, or give it on the "
            + "first line of standard input");
      }
      runtime.webhookSecrets().set(connectorId, token);
      out.println("Set the webhook secret token of " + connectorId + ". Deliveries to /webhooks/" + connectorId
          + " signed with it are taken from now on.");
      return ExitCode.OK;
    }

    private static Secret readToken() throws IOException {
      java.io.Console console = System.console();
      if (console != null) {
        char[] typed = console.readPassword("Webhook secret token (hidden): ");
        return Secret.of(typed == null ? "" : new String(typed).strip());
      }
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return Secret.of(line == null ? "" : line.strip());
    }
  }
}
