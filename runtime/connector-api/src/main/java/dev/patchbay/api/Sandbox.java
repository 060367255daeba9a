package dev.patchbay.api;

import java.io.IOException;

/**
 * A local emulator of a connector's service, for runs with no account and no network, and as a test fixture.
 * The host starts it on 127.0.0.1, points sandbox connections at it, and stops it afterwards.
 */
public interface Sandbox {

  /** Starts the emulator; it serves until the returned handle is closed. */
  RunningSandbox start(SandboxOptions options) throws IOException;
}
