package dev.patchbay.cli;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.sandbox.SandboxSession;
import picocli.CommandLine.Option;

/** {@code --sandbox}: run the command against the connector's local emulator, with a connection made for it. */
final class SandboxOptions {

  @Option(names = "--sandbox",
      description = "Run against the connector's built-in sandbox (no account, no network): starts it, connects "
          + "through the real sign-in flow, stops it afterwards")
  boolean enabled;

  @Option(names = "--sandbox-auth", paramLabel = "AUTH_TYPE", defaultValue = "oauth",
      description = "The auth type the sandbox connection uses (default: ${DEFAULT-VALUE})")
  String authType;

  /** Opens the sandbox of {@code connectorId} when asked to, and returns its connection's name; else null. */
  String open(PatchbayRuntime runtime, String connectorId) throws ConnectorException, InterruptedException {
    if (!enabled) {
      return null;
    }
    SandboxSession session = runtime.openSandbox(connectorId, authType, dev.patchbay.api.SandboxOptions.defaults());
    return session.connection().name();
  }
}
