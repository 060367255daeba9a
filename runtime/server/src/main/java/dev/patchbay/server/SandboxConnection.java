package dev.patchbay.server;

import dev.patchbay.engine.PatchbayRuntime;
import dev.patchbay.engine.connections.Connection;
import dev.patchbay.engine.sandbox.SandboxSession;
import java.util.Optional;

/** In sandbox mode, the sandbox's connection stands in for a connector's when a request names none. */
public final class SandboxConnection {

  private SandboxConnection() {}

  /** The name of the open sandbox's connection when it is {@code connectorId}'s; else empty. */
  public static Optional<String> forConnector(PatchbayRuntime runtime, String connectorId) {
    SandboxSession session = runtime.sandbox();
    if (session == null) {
      return Optional.empty();
    }
    Connection connection = session.connection();
    return connection.connectorId().equals(connectorId) ? Optional.of(connection.name()) : Optional.empty();
  }
}
