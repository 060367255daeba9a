package dev.patchbay.server;

import dev.patchbay.engine.PatchbayRuntime;
import java.util.Optional;

/** In sandbox mode, the sandbox's connection stands in for a connector's when a request names none. */
public final class SandboxConnection {

  private SandboxConnection() {}

  /** The name of the connection to {@code connectorId}'s open sandbox; else empty. */
  public static Optional<String> forConnector(PatchbayRuntime runtime, String connectorId) {
    return runtime.sandbox(connectorId).map(session -> session.connection().name());
  }
}
