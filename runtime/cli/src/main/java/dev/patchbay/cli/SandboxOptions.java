package dev.patchbay.cli;

import dev.patchbay.api.ConnectorException;
import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.sandbox.SandboxSession;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/** {@code --sandbox}: run the command against each connector's local emulator, with a connection made for it. */
final class SandboxOptions {

  @Option(names = "--sandbox",
      description = "Run against the connectors' built-in sandboxes (no account, no network): a plugin's emulator, "
          + "or a declarative connector's mock answering with its definition's examples; starts them, connects, "
          + "stops them afterwards")
  boolean enabled;

  @Option(names = "--sandbox-auth", paramLabel = "AUTH_TYPE",
      description = "The auth type the sandbox connection uses (default: the connector's first one its sandbox "
          + "connects with; a declarative connector's mock takes pasted-secret kinds only). For a workflow, it "
          + "applies to the connectors that have it")
  String authType;

  /** Opens the sandbox of {@code connectorId} when asked to, and returns its connection's name; else null. */
  String open(PatchbayRuntime runtime, String connectorId) throws ConnectorException, InterruptedException {
    if (!enabled) {
      return null;
    }
    String chosen = authType != null ? authType : runtime.defaultSandboxAuthType(connectorId);
    SandboxSession session = runtime.openSandbox(connectorId, chosen, dev.patchbay.api.SandboxOptions.defaults());
    return session.connection().name();
  }

  /**
   * The auth type of each connector's sandbox connection: {@code --sandbox-auth} for the connectors that have it,
   * each one's default for the others.
   *
   * @throws UserException when {@code --sandbox-auth} names an auth type none of the connectors has
   */
  Map<String, String> authTypes(PatchbayRuntime runtime, Set<String> connectorIds) throws ConnectorException {
    Map<String, String> chosen = new LinkedHashMap<>();
    boolean used = false;
    for (String connectorId : connectorIds) {
      boolean has = authType != null && runtime.catalog().connector(connectorId)
          .flatMap(entry -> entry.definition().authType(authType)).isPresent();
      used |= has;
      chosen.put(connectorId, has ? authType : runtime.defaultSandboxAuthType(connectorId));
    }
    if (authType != null && !used && !connectorIds.isEmpty()) {
      throw new UserException(ExitCode.USAGE, "--sandbox-auth " + authType + ": none of the workflow's connectors "
          + connectorIds + " has this auth type");
    }
    return chosen;
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
