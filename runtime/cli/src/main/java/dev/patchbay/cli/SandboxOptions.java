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

  /**
   * Opens the sandbox of {@code connectorId} keeping its state in {@code state} (where an earlier start left it, if
   * any), on {@code port} (0 for any free one), and connects to it with {@code authTypeId}.
   */
  static SandboxSession open(PatchbayRuntime runtime, String connectorId, String authTypeId, java.nio.file.Path state,
      int port) throws ConnectorException, InterruptedException {
    return runtime.openSandbox(connectorId, authTypeId,
        new dev.patchbay.api.SandboxOptions(port, null, state, true));
  }
}
